"""The site, engine-free: pages, pictures, templates; imports output and below, never edit."""
