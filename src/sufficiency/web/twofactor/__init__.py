"""Two-factor sign-in (TOTP through django-otp, recovery codes as its static device) and the
idle-session sign-out. Kept apart from ``accounts`` so that each can change on its own."""
