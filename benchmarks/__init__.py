"""Speed goals, measured as ratios in one run (``make bench``); never timed assertions in tests."""
