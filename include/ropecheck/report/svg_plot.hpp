#pragma once
// A Figure drawn as SVG 1.1, by hand: the plots are a few axes, lines and
// markers, which a library would not make shorter, and every string in them
// goes through escape_xml_text/escape_xml_attribute.
#include <string>

#include "ropecheck/report/figure.hpp"

namespace ropecheck::report {

// The <svg> element alone (to inline in HTML), or a standalone .svg document
// with its XML declaration.
std::string svg_element(const Figure& figure);
std::string svg_document(const Figure& figure);

}  // namespace ropecheck::report
