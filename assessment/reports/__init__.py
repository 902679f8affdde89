"""The agency's annual report (年度普法工作情况报告, §4.1): drafted as .docx from the year's figures by a worker."""
