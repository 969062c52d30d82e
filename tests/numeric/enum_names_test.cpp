// One names table per enum: name_of, value_named, names_listed and parse_named
// agree with the table and with each other, on a table made here.
#include <boost/test/unit_test.hpp>

#include <stdexcept>
#include <string>

#include "ropecheck/numeric/enum_names.hpp"
#include "ropecheck/numeric/invalid_input.hpp"

namespace numeric = ropecheck::numeric;

namespace {
enum class Colour { red, green, light_blue };
constexpr numeric::EnumNames<3> colour_names{"red", "green", "light-blue"};
}  // namespace

BOOST_AUTO_TEST_SUITE(enum_names)

BOOST_AUTO_TEST_CASE(every_value_round_trips_through_its_name) {
    for (Colour c : {Colour::red, Colour::green, Colour::light_blue}) {
        const std::string name = numeric::name_of(colour_names, c);
        BOOST_TEST((numeric::value_named<Colour>(colour_names, name) == c));  // no printer for Colour
        BOOST_TEST((numeric::parse_named<Colour>(colour_names, name, "colour") == c));
    }
    BOOST_TEST(numeric::name_of(colour_names, Colour::light_blue) == "light-blue");
}

BOOST_AUTO_TEST_CASE(an_unknown_name_is_refused_with_the_list) {
    BOOST_TEST(!numeric::value_named<Colour>(colour_names, "blue").has_value());
    BOOST_TEST(!numeric::value_named<Colour>(colour_names, "").has_value());
    BOOST_TEST(!numeric::value_named<Colour>(colour_names, "Red").has_value());  // names are exact
    try {
        numeric::parse_named<Colour>(colour_names, "blue", "colour");
        BOOST_ERROR("blue was accepted");
    } catch (const ropecheck::InvalidInput& e) {
        BOOST_TEST(std::string(e.what()) == "unknown colour \"blue\" (expected red, green or light-blue)");
    }
}

BOOST_AUTO_TEST_CASE(lists_join_with_commas_and_a_final_or) {
    BOOST_TEST(numeric::names_listed(numeric::EnumNames<1>{"only"}) == "only");
    BOOST_TEST(numeric::names_listed(numeric::EnumNames<2>{"a", "b"}) == "a or b");
    BOOST_TEST(numeric::names_listed(colour_names) == "red, green or light-blue");
}

BOOST_AUTO_TEST_CASE(a_value_outside_the_table_is_a_programming_error) {
    BOOST_CHECK_THROW(numeric::name_of(colour_names, static_cast<Colour>(3)), std::out_of_range);
}

BOOST_AUTO_TEST_SUITE_END()
