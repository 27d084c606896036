"""What code finds in an article before any model is asked: sentences, names, dates, focus sentences."""
