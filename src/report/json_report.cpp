// placeholder until the report writers land
