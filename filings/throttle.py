"""Counting requests in Django's cache, for limits such as "three reset e-mails per hour".

The cache is the file cache the server's workers share (CACHES in settings), so a limit holds
across workers. Counts are approximate under concurrent requests (the file cache's increment
is a read and a write) and are lost if the cache is cleared: a limit against floods, not an
exact ledger. Windows are fixed: a count starts again when the clock enters the next window.
"""

import hashlib
import time
from datetime import timedelta

from django.core.cache import cache


def within_limit(scope: str, key: str, limit: int, window: timedelta) -> bool:
    """Count one more request for `key`; True while the count in this window is within
    `limit`. The key is hashed, so that no e-mail address is written to the cache."""
    seconds = max(int(window.total_seconds()), 1)
    bucket = int(time.time()) // seconds
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    cache_key = f"throttle:{scope}:{digest}:{bucket}"
    cache.add(cache_key, 0, timeout=seconds)
    try:
        count = cache.incr(cache_key)
    except ValueError:
        # Expired or culled between the two calls: this request starts the count again.
        cache.set(cache_key, 1, timeout=seconds)
        count = 1
    return count <= limit
