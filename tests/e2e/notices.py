"""The stack's job notices as a subscriber reads them: an SQS queue subscribed to its notification topic."""

from __future__ import annotations


def subscribe_queue(stack, queue_name: str) -> str:
    """Create ``queue_name``, subscribe it to the stack's NotificationTopicArn; the queue's URL."""
    sqs = stack.client("sqs")
    queue_url = sqs.create_queue(QueueName=queue_name)["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    stack.client("sns").subscribe(TopicArn=stack.outputs["NotificationTopicArn"], Protocol="sqs", Endpoint=queue_arn)
    return queue_url
