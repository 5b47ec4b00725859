"""Screens: each one view of the board; they fetch from the store in workers."""
