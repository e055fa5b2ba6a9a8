"""Small trained components that refine the rule engine where a decision rests on many weak
cues. Inference reads a committed JSON model with the standard library alone; training
(``make train``, scikit-learn) runs only for developers, over the visible gold."""
