"""The EMR panel: clusters and Serverless applications, the path check, the connect cell."""
