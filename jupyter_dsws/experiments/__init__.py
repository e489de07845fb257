"""The Experiments panel: every training run of the team's MLflow, compared and promoted."""
