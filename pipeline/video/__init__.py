"""Video probing, decoding and keyframe selection (PyAV); no AWS here."""
