#include "ropecheck/cli/app.hpp"

int main(int argc, char** argv) { return ropecheck::cli::run_app(argc, argv); }
