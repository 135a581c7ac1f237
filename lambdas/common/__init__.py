"""I/O shared by the Lambda handlers: AWS clients, the jobs table, S3 range reads."""
