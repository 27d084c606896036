"""Article files in, clean text out: sources, markup to prose, site furniture, text addressed to the tool."""
