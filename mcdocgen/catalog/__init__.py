"""The catalog: ``derivations.yaml`` read into typed, validated records, every mistake located.

It owns the YAML source, the validation of problems, steps and handouts, and the catalog's JSON Schema."""
