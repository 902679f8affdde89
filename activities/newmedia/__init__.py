"""The new-media cluster (新媒体普法网络集群): each agency's accounts, and the new-media activities posted on them."""
