"""The resource library (资源库) and needs analysis (需求分析): people, materials and the needs of the public."""
