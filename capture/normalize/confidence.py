"""The one threshold below which a field is worth a person's look."""

from __future__ import annotations

# Below this confidence a field gets a warning from the validate stage, is highlighted on the
# review page, and leaves its stored contact "needs review": one threshold, so a field the page
# highlights always comes with a warning saying so. (The review page and the store used 0.6 and
# the validate stage 0.5; 0.6 was kept, so nothing highlighted before goes unflagged.)
LOW_CONFIDENCE = 0.6
