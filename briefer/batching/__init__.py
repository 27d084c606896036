"""Many briefs: the batch run, its journal, worker processes, the Batch API route and progress lines."""
