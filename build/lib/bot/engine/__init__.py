"""The intake engine: channel-agnostic conversation state machine."""
