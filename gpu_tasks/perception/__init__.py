"""Perception backends: from keyframes to food items with boxes, masks, depth and portions."""
