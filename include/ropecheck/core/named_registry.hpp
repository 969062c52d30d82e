#pragma once
// Objects with a name() (claim checks, probes), each owned once, found by name
// and listed in the order Order::before gives. Order also names the kind of
// object for the duplicate-name error ("check registered twice: thm-5.3").
#include <algorithm>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace ropecheck::core {

template <class T, class Order>
class NamedRegistry {
public:
    // Throws std::logic_error on a duplicate name (a programming error).
    void add(std::unique_ptr<T> item) {
        if (find(item->name()) != nullptr)
            throw std::logic_error(std::string(Order::kind) + " registered twice: " + item->name());
        const auto later = std::find_if(items_.begin(), items_.end(),
                                        [&](const std::unique_ptr<T>& p) { return Order::before(*item, *p); });
        items_.insert(later, std::move(item));
    }
    const T* find(const std::string& name) const {
        for (const auto& p : items_)
            if (p->name() == name) return p.get();
        return nullptr;
    }
    // Every object, in the registry's order.
    std::vector<const T*> all() const {
        std::vector<const T*> out;
        for (const auto& p : items_) out.push_back(p.get());
        return out;
    }
    std::vector<std::string> names() const {
        std::vector<std::string> out;
        for (const auto& p : items_) out.push_back(p->name());
        return out;
    }

private:
    std::vector<std::unique_ptr<T>> items_;
};

}  // namespace ropecheck::core
