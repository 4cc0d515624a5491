"""The demo workspace stores nothing of its own: its inspections are real ones (see inspection.py).

The placeholder DemoInspection and DemoSample models were removed by migration 0002.
"""
