"""Channel adapters: turn platform events into engine messages and render the replies."""
