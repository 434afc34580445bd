"""The public part of the Web API: the batches and the directory's data (Attachment 1)."""
