// Fixture of the CTest claim_registry_rejects_a_misnamed_check: the check "prop-3.2" registered
// from prop_3_1.cpp, which cmake/claim_registry.cmake must refuse (a check lives in its own file).
ROPECHECK_REGISTER_CHECK(prop_3_1, MaximalAtArbitraryDistanceCheck, "prop-3.2", fields())
