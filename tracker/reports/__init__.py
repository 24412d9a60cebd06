"""The committee appendix (Word and accessible PDF) and the snapshots of what was reported."""
