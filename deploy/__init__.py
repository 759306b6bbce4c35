"""Running Qogam behind a load balancer: `deploy.cluster` (make cluster) and its HAProxy template."""
