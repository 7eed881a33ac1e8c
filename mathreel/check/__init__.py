"""Stage 4, check: smoke renders of each beat's last frame, the contact sheet, and the goldens."""
