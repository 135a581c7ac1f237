"""What the AWS services cost: the one price table, and the cost of one job from what it was billed."""
