"""Caseload import and stratified case sampling, as the framework's sampling rules say.

caseload (reading and validating the provider's extract) → eligibility (the eligible population of
a sample, by stratum) → size (confidence, margin of error, finite population correction) →
allocation (largest remainder) → draw (simple random selection within strata, reserves,
replacements) → samplefile (the sample CSV and the replacements log). ``synthetic`` makes invented
caseloads for demonstrations, tests and benchmarks. ``flows`` strings the steps together, one
function per step, for the command line and the web alike.

Modules are imported directly (``from sufficiency.sampling.caseload import read_caseload``), so that
importing one step does not import pyarrow for all of them.
"""
