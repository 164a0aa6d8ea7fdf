"""Exact three-class weight-space geometry: cells, acceptability, stability."""
