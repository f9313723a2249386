"""The values everything passes around, with no IO: OKRs, findings, refs; imports nothing."""
