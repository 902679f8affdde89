"""Campaigns (集中宣传活动) the bureau or a town office announces to agencies (§2(二))."""
