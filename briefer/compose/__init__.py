"""The one code path shared by brief, batch and eval: candidates and article -> prompts -> model calls ->
the assembled, merged, grounded brief."""
