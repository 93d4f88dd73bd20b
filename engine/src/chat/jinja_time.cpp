// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
// time.strftime with the C locale, for strftime_now().
#include <algorithm>
#include <cctype>

#include "chat/jinja_format.h"

namespace atrium::jinja
{

// --- strftime ----------------------------------------------------------------------------------------------------

namespace
{

const char *const kDays[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
const char *const kMonths[] = {"January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December"};

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
int64_t daysFromCivil(int64_t y, int m, int d)
{
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const int64_t yoe = y - era * 400;
    const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

struct Civil {
    int64_t year;
    int month, day, hour, minute, second, wday, yday;
};

Civil civil(const std::tm &t)
{
    Civil c {};
    c.year = static_cast<int64_t>(t.tm_year) + 1900;
    c.month = std::clamp(t.tm_mon, 0, 11) + 1;
    c.day = std::clamp(t.tm_mday, 1, 31);
    c.hour = std::clamp(t.tm_hour, 0, 23);
    c.minute = std::clamp(t.tm_min, 0, 59);
    c.second = std::clamp(t.tm_sec, 0, 61);
    const int64_t days = daysFromCivil(c.year, c.month, c.day);
    c.wday = static_cast<int>(((days % 7) + 11) % 7); // 1970-01-01 was a Thursday
    c.yday = static_cast<int>(days - daysFromCivil(c.year, 1, 1));
    return c;
}

/// ISO 8601 week-based year and week number.
std::pair<int64_t, int> isoWeek(const Civil &c)
{
    const int isoWday = c.wday == 0 ? 7 : c.wday;
    int week = (c.yday + 1 - isoWday + 10) / 7;
    int64_t year = c.year;
    auto weeksIn = [](int64_t y) {
        const int64_t jan1 = daysFromCivil(y, 1, 1);
        const int wd = static_cast<int>(((jan1 % 7) + 11) % 7);
        const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        return (wd == 4 || (leap && wd == 3)) ? 53 : 52;
    };
    if (week < 1) {
        --year;
        week = weeksIn(year);
    } else if (week > weeksIn(year)) {
        ++year;
        week = 1;
    }
    return {year, week};
}

} // namespace

std::string formatTime(std::string_view fmt, const std::tm &time)
{
    const Civil c = civil(time);
    std::string out;
    for (size_t i = 0; i < fmt.size(); ++i) {
        if (fmt[i] != '%' || i + 1 >= fmt.size()) {
            out.push_back(fmt[i]);
            continue;
        }
        char flag = '\0';
        size_t j = i + 1;
        if (fmt[j] == '-' || fmt[j] == '_' || fmt[j] == '0' || fmt[j] == '^' || fmt[j] == '#') {
            flag = fmt[j];
            ++j;
        }
        if (j >= fmt.size()) {
            out.append(fmt.substr(i));
            break;
        }
        auto num = [&](int64_t v, int width, char padChar) {
            char pad = flag == '-' ? '\0' : flag == '_' ? ' ' : flag == '0' ? '0' : padChar;
            std::string s = std::to_string(v < 0 ? -v : v);
            if (pad)
                while (static_cast<int>(s.size()) < width)
                    s.insert(s.begin(), pad);
            if (v < 0)
                s.insert(s.begin(), '-');
            out += s;
        };
        auto text = [&](std::string s) {
            if (flag == '^')
                for (char &ch : s)
                    ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
            out += s;
        };
        const int hour12 = c.hour % 12 == 0 ? 12 : c.hour % 12;
        const char spec = fmt[j];
        i = j;
        switch (spec) {
        case 'a':
            text(std::string(kDays[c.wday]).substr(0, 3));
            break;
        case 'A':
            text(kDays[c.wday]);
            break;
        case 'b':
        case 'h':
            text(std::string(kMonths[c.month - 1]).substr(0, 3));
            break;
        case 'B':
            text(kMonths[c.month - 1]);
            break;
        case 'c':
            text(formatTime("%a %b %e %H:%M:%S %Y", time));
            break;
        case 'C':
            num(c.year / 100, 2, '0');
            break;
        case 'd':
            num(c.day, 2, '0');
            break;
        case 'D':
            out += formatTime("%m/%d/%y", time);
            break;
        case 'e':
            num(c.day, 2, ' ');
            break;
        case 'F':
            out += formatTime("%Y-%m-%d", time);
            break;
        case 'G':
            num(isoWeek(c).first, 1, '0');
            break;
        case 'g':
            num(isoWeek(c).first % 100, 2, '0');
            break;
        case 'H':
            num(c.hour, 2, '0');
            break;
        case 'I':
            num(hour12, 2, '0');
            break;
        case 'j':
            num(c.yday + 1, 3, '0');
            break;
        case 'k':
            num(c.hour, 2, ' ');
            break;
        case 'l':
            num(hour12, 2, ' ');
            break;
        case 'm':
            num(c.month, 2, '0');
            break;
        case 'M':
            num(c.minute, 2, '0');
            break;
        case 'n':
            out.push_back('\n');
            break;
        case 'p':
            text(c.hour < 12 ? "AM" : "PM");
            break;
        case 'P':
            out += c.hour < 12 ? "am" : "pm";
            break;
        case 'r':
            out += formatTime("%I:%M:%S %p", time);
            break;
        case 'R':
            out += formatTime("%H:%M", time);
            break;
        case 'S':
            num(c.second, 2, '0');
            break;
        case 't':
            out.push_back('\t');
            break;
        case 'T':
            out += formatTime("%H:%M:%S", time);
            break;
        case 'u':
            num(c.wday == 0 ? 7 : c.wday, 1, '0');
            break;
        case 'U':
            num((c.yday + 7 - c.wday) / 7, 2, '0');
            break;
        case 'V':
            num(isoWeek(c).second, 2, '0');
            break;
        case 'w':
            num(c.wday, 1, '0');
            break;
        case 'W':
            num((c.yday + 7 - (c.wday + 6) % 7) / 7, 2, '0');
            break;
        case 'x':
            out += formatTime("%m/%d/%y", time);
            break;
        case 'X':
            out += formatTime("%H:%M:%S", time);
            break;
        case 'y':
            num(c.year % 100, 2, '0');
            break;
        case 'Y':
            num(c.year, 1, '0');
            break;
        case 'z':
        case 'Z':
            break; // a naive datetime has no zone
        case '%':
            out.push_back('%');
            break;
        default:
            out.push_back('%');
            if (flag)
                out.push_back(flag);
            out.push_back(spec);
        }
        if (out.size() > (1u << 20))
            throwRuntime("strftime result too long");
    }
    return out;
}

} // namespace atrium::jinja
