"""``dsws demo``: JupyterLab with this extension against a local AWS emulator.

The emulator (moto plus the layer that fills its gaps), the seed data and the runner live
here and only here: product code never imports this package, so nothing of the emulator
can reach a SageMaker Studio installation.
"""
