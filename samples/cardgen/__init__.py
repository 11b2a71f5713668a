"""The pieces of the synthetic card generator: data, rendering and photo effects."""
