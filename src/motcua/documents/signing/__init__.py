"""Keys, certificates and PAdES signatures (pyHanko), and the demo certificate authority."""
