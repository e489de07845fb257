"""An optional monthly cost budget with an e-mail alert, filtered on the stack's tags."""

from __future__ import annotations

from aws_cdk import aws_budgets as budgets
from constructs import Construct

ALERT_PERCENTAGES = (80, 100)


class CostBudget(Construct):
    def __init__(self, scope: Construct, construct_id: str, *, name: str, amount_usd: float,
                 alert_email: str, cost_tags: dict[str, str]) -> None:
        super().__init__(scope, construct_id)
        # Cost-allocation tags must be activated in Billing before the filter sees them.
        filters = {"TagKeyValue": [f"user:{key}${value}" for key, value in cost_tags.items()]}
        self.budget = budgets.CfnBudget(
            self, "Budget",
            budget=budgets.CfnBudget.BudgetDataProperty(
                budget_name=name, budget_type="COST", time_unit="MONTHLY",
                budget_limit=budgets.CfnBudget.SpendProperty(amount=amount_usd, unit="USD"),
                cost_filters=filters if filters["TagKeyValue"] else None),
            notifications_with_subscribers=[
                budgets.CfnBudget.NotificationWithSubscribersProperty(
                    notification=budgets.CfnBudget.NotificationProperty(
                        comparison_operator="GREATER_THAN", notification_type=kind,
                        threshold=percentage, threshold_type="PERCENTAGE"),
                    subscribers=[budgets.CfnBudget.SubscriberProperty(
                        address=alert_email, subscription_type="EMAIL")])
                for percentage, kind in ((ALERT_PERCENTAGES[0], "FORECASTED"),
                                         (ALERT_PERCENTAGES[1], "ACTUAL"))])
