"""Infrastructure as code: the VPC-only, SSO SageMaker Studio domain, and its audit.

``dsws infra synth|diff|deploy|destroy|verify``. The CDK app needs the ``infra`` extra
(aws-cdk-lib); ``verify`` needs only boto3.
"""
