// placeholder until the spec loader lands
