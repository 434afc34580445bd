"""The Web API of the filings (issue #14): the same access rules, services and checks as the
pages, answered in JSON. `access.py` decides who sees and changes what; the services write."""
