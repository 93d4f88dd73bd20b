// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// jinja2 semantics, one feature per row: each expected string is what Python jinja2 3.1.6 renders for the template
// under transformers' settings (ImmutableSandboxedEnvironment, trim_blocks, lstrip_blocks, loopcontrols,
// transformers' tojson / raise_exception / strftime_now with the clock at 26 Nov 2026 00:00:00). Rows marked as
// errors are templates jinja2 rejects or fails to render.
#include <QTest>

#include "chat/chat_template.h"

using namespace atrium;

namespace
{

struct Row {
    const char *name;
    const char *source;
    const char *context; // JSON object
    const char *expected;
    bool fails;
};

// clang-format off
const Row kRows[] = {
    {"lstrip_trim_blocks", "  {% if true %}\n  yes\n  {% endif %}\n  end", "{}", "  yes\n  end", false},
    {"dash_control", "a  {%- if true -%}  b  {%- endif -%}  c", "{}", "abc", false},
    {"for_block_newlines", "{% for i in range(3) %}\n  {{ i }}\n{% endfor %}", "{}", "  0\n  1\n  2\n", false},
    {"plus_disables_lstrip_and_trim", "  {%+ if true %}x{% endif +%}\ny", "{}", "  x\ny", false},
    {"comment_lstrip", "  {# comment #}\ntext", "{}", "text", false},
    {"raw_block", "{% raw %}  {{ x }} {% endraw %}|  {% raw -%}\n  {{ y }}\n  {%- endraw %}  z", "{}", "  {{ x }} |  {{ y }}  z", false},
    {"variable_tags_keep_space", "{{ 'a' }}   {{- 'b' }}\n  {{ 'c' -}}\n   d", "{}", "ab\n  cd", false},
    {"crlf_and_trailing_newline", "a\n{% if true %}\nb\n{% endif %}\n", "{}", "a\nb\n", false},
    {"string_escapes", "{{ \"a\\tb\\\\n\\\"\" }}|{{ 'it\\'s' }}|{{ \"\\x41\\u00e9\\U0001F600\" }}|{{ '\\q' }}|{{ 'a' 'b' }}", "{}", "a\tb\\n\"|it's|Aé😀|\\q|ab", false},
    {"number_literals", "{{ 0b101 }}|{{ 0o17 }}|{{ 0x1F }}|{{ 1_000 }}|{{ 1.5e3 }}|{{ 2E-2 }}|{{ 00 }}", "{}", "5|15|31|1000|1500.0|0.02|0", false},
    {"arithmetic", "{{ 1 + 2 * 3 ** 2 }}|{{ 2 ** 3 ** 2 }}|{{ -2 ** 2 }}|{{ 7 // 2 }}|{{ -7 // 2 }}|{{ 7 % -3 }}|{{ 7.5 // 2 }}|{{ 7 / 7 }}|{{ 1 // 0.1 }}|{{ -3 % 1.0 }}|{{ 2 ** -1 }}|{{ true + 1 }}", "{}", "19|64|4|3|-4|-2|3.0|1.0|9.0|0.0|0.5|2", false},
    {"float_printing", "{{ 1.0 }}|{{ 0.1 + 0.2 }}|{{ 1e20 }}|{{ 1.5e-7 }}|{{ 1e16 }}|{{ 123456789.123 }}|{{ -0.0 }}|{{ 3.0 * 2 }}|{{ 10 / 4 }}|{{ 0.0001 }}", "{}", "1.0|0.30000000000000004|1e+20|1.5e-07|1e+16|123456789.123|-0.0|6.0|2.5|0.0001", false},
    {"concat_tilde", "{{ 1 ~ 2 ~ none ~ true ~ 1.5 ~ undefined_name }}|{{ [1,2] ~ {'a': 1} }}", "{}", "12NoneTrue1.5|[1, 2]{'a': 1}", false},
    {"sequence_operators", "{{ 'abc' * 2 }}|{{ [1] * 3 }}|{{ 3 * 'x' }}|{{ [1, 2] + [3] }}|{{ (1, 2) + (3,) }}|{{ 'x' * 0 }}", "{}", "abcabc|[1, 1, 1]|xxx|[1, 2, 3]|(1, 2, 3)|", false},
    {"str_plus_int_fails", "{{ 'a' + 1 }}", "{}", "TypeError", true},
    {"list_plus_tuple_fails", "{{ [1] + (2,) }}", "{}", "TypeError", true},
    {"undefined_arithmetic_fails", "{{ missing + 1 }}", "{}", "UndefinedError", true},
    {"comparisons", "{{ 1 < 2 < 3 }}|{{ 3 > 2 > 2 }}|{{ 1 == 1.0 }}|{{ true == 1 }}|{{ 'a' < 'b' }}|{{ [1,2] < [1,3] }}|{{ none == none }}|{{ '' != false }}|{{ (1,) == [1] }}|{{ {'a': [1]} == {'a': [1]} }}", "{}", "True|False|True|True|True|True|True|True|False|True", false},
    {"ordering_mixed_types_fails", "{{ 1 < 'a' }}", "{}", "TypeError", true},
    {"membership", "{{ 'a' in 'abc' }}|{{ 1 in [1,2] }}|{{ 'k' in {'k':1} }}|{{ 'x' not in 'abc' }}|{{ not 1 in [2] }}|{{ 'a' in missing }}", "{}", "True|True|True|True|True|False", false},
    {"membership_int_in_str_fails", "{{ 1 in 'abc' }}", "{}", "TypeError", true},
    {"conditional_expressions", "{{ 1 if false }}|{{ 1 if true else 2 }}|{{ 'a' if none else 'b' if 0 else 'c' }}", "{}", "|1|c", false},
    {"boolean_operators", "{{ true and 'x' }}|{{ 0 or 'y' }}|{{ '' and 1 }}|{{ none or none }}|{{ not none }}", "{}", "x|y||None|True", false},
    {"slicing", "{{ [1,2,3][1:] }}|{{ [1,2,3][::-1] }}|{{ 'hello'[1:-1] }}|{{ 'hello'[::2] }}|{{ [1,2,3,4,5][-2:] }}|{{ [1,2,3][5:] }}|{{ 'héllo'[1:3] }}|{{ [1,2,3,4][3:0:-1] }}|{{ (1,2,3)[:1] }}", "{}", "[2, 3]|[3, 2, 1]|ell|hlo|[4, 5]|[]|él|[4, 3, 2]|(1,)", false},
    {"indexing", "{{ [1,2,3][-1] }}|{{ 'abc'[0] }}|{{ 'abc'[-1] }}|{{ [1][3] }}|{{ {'a':1}['b'] }}|{{ (1,2)[1] }}|{{ [1,2,3][true] }}", "{}", "3|a|c|||2|2", false},
    {"slicing_none_fails", "{{ n[1:] }}", "{\"n\": null}", "TypeError", true},
    {"python_repr", "{{ {'a': 1, 'b': [1, 'x', none, true, 1.5]} }}|{{ ('a',) }}|{{ () }}|{{ {} }}|{{ [] }}|{{ [\"it's\", 'say \"hi\"', 'both \\' \"', 'back\\\\slash', 'nl\\n', '\\x01', 'é', '\\u200d', '\\xa0'] }}", "{}", "{'a': 1, 'b': [1, 'x', None, True, 1.5]}|('a',)|()|{}|[]|[\"it's\", 'say \"hi\"', 'both \\' \"', 'back\\\\slash', 'nl\\n', '\\x01', 'é', '\\u200d', '\\xa0']", false},
    {"repr_of_context_dict", "{{ c }}|{{ c|string }}|{{ c|trim }}", "{\"c\": {\"temperature\": 18, \"condition\": \"sunny\", \"note\": \"it's \\\"mild\\\"\"}}", "{'temperature': 18, 'condition': 'sunny', 'note': 'it\\'s \"mild\"'}|{'temperature': 18, 'condition': 'sunny', 'note': 'it\\'s \"mild\"'}|{'temperature': 18, 'condition': 'sunny', 'note': 'it\\'s \"mild\"'}", false},
    {"str_plus_dict_fails", "{{ 'x' + c }}", "{\"c\": {\"a\": 1}}", "TypeError", true},
    {"case_filters", "{{ 'abc'|upper }}|{{ 'ABC'|lower }}|{{ 'hello world'|title }}|{{ 'hello-world foo(bar)'|title }}|{{ 'hELLO'|capitalize }}|{{ \"they're bill's\"|title }}", "{}", "ABC|abc|Hello World|Hello-World Foo(Bar)|Hello|They're Bill's", false},
    {"trim_filter", "{{ '  x  '|trim }}|{{ 'xxaxx'|trim('x') }}|{{ none|trim }}|{{ 5|trim }}|{{ '\\u00a0x\\u3000'|trim }}|{{ ' \\t\\n x \\n'|trim }}", "{}", "x|a|None|5|x|x", false},
    {"length_default", "{{ [1,2,3]|length }}|{{ 'héllo'|length }}|{{ {'a':1}|count }}|{{ none|default('d') }}|{{ ''|default('d') }}|{{ ''|default('d', true) }}|{{ x|d('z') }}|{{ x|length }}", "{}", "3|5|1|None||d|z|0", false},
    {"sort_unique_reverse", "{{ [3,1,2]|sort }}|{{ [3,1,2]|sort(reverse=true) }}|{{ ['b','A','a']|sort }}|{{ ['b','A','a']|sort(case_sensitive=true) }}|{{ [{'n':2},{'n':1}]|sort(attribute='n') }}|{{ [1,2,2,3,1]|unique|list }}|{{ ['a','A','b']|unique|list }}|{{ [1,2,3]|reverse|list }}|{{ 'abc'|reverse }}", "{}", "[1, 2, 3]|[3, 2, 1]|['A', 'a', 'b']|['A', 'a', 'b']|[{'n': 1}, {'n': 2}]|[1, 2, 3]|['a', 'b']|[3, 2, 1]|cba", false},
    {"aggregates", "{{ [1,2,3]|sum }}|{{ [1,2,3]|min }}|{{ [1,2,3]|max }}|{{ [{'v': 2}, {'v': 5}]|sum(attribute='v') }}|{{ ['B','a','C']|max }}|{{ []|max }}", "{}", "6|1|3|7|C|", false},
    {"join_filter", "{{ [1,2,3]|join(',') }}|{{ [1,none,'a']|join }}|{{ [{'a':1},{'a':2}]|join(',', attribute='a') }}|{{ 'abc'|join('-') }}|{{ missing|join }}", "{}", "1,2,3|1Nonea|1,2|a-b-c|", false},
    {"map_filter", "{{ [1,2,3]|map('string')|list }}|{{ [{'a':1},{'b':2}]|map(attribute='a')|list }}|{{ [{'a':1},{'b':2}]|map(attribute='a', default=0)|list }}|{{ ['a','b']|map('upper')|join }}|{{ [[1,2],[3]]|map('length')|list }}", "{}", "['1', '2', '3']|[1, Undefined]|[1, 0]|AB|[2, 1]", false},
    {"select_reject", "{{ [1,2,3,4]|select('odd')|list }}|{{ [1,2,3,4]|reject('even')|list }}|{{ [0,1,'',none,'x']|select|list }}|{{ [{'r':'u'},{'r':'a'}]|selectattr('r','equalto','u')|list }}|{{ [{'r':'u'},{'x':1}]|selectattr('r','defined')|list }}|{{ [{'r':'u'},{'r':'a'}]|rejectattr('r','eq','u')|list }}", "{}", "[1, 3]|[1, 3]|[1, 'x']|[{'r': 'u'}]|[{'r': 'u'}]|[{'r': 'a'}]", false},
    {"selectattr_over_string", "{{ 'abc'|selectattr('type', 'equalto', 'text')|list }}", "{}", "[]", false},
    {"generator_tojson_fails", "{{ [1,2]|map('string')|tojson }}", "{}", "TypeError", true},
    {"items_dictsort", "{{ {'b':1,'a':2}|items|list }}|{{ {'b':1,'a':2}|dictsort }}|{{ {'b':1,'a':2}|dictsort(by='value') }}|{% for k, v in {'x': 1, 'y': 2}|items %}{{ k }}{{ v }}{% endfor %}", "{}", "[('b', 1), ('a', 2)]|[('a', 2), ('b', 1)]|[('b', 1), ('a', 2)]|x1y2", false},
    {"tojson_options", "{{ {'a': 'é', 'b': [1, 2.5, none, true], 'c': {}}|tojson }}|{{ [1,{'x':[]}]|tojson(indent=2) }}|{{ {'b':1,'a':2}|tojson(sort_keys=true) }}|{{ 'é<>&\\''|tojson(ensure_ascii=true) }}|{{ {'a':1}|tojson(separators=(',', ':')) }}|{{ 'tab\\tnl\\n\"q\"\\\\'|tojson }}", "{}", "{\"a\": \"é\", \"b\": [1, 2.5, null, true], \"c\": {}}|[\n  1,\n  {\n    \"x\": []\n  }\n]|{\"a\": 2, \"b\": 1}|\"\\u00e9<>&'\"|{\"a\":1}|\"tab\\tnl\\n\\\"q\\\"\\\\\"", false},
    {"tojson_indent_nested", "{{ t|tojson(indent=4) }}|{{ t[0]|tojson(indent='\\t') }}", "{\"t\": [{\"type\": \"function\", \"function\": {\"name\": \"f\", \"parameters\": {\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"string\", \"enum\": [\"x\", \"y\"]}}}}}]}", "[\n    {\n        \"type\": \"function\",\n        \"function\": {\n            \"name\": \"f\",\n            \"parameters\": {\n                \"type\": \"object\",\n                \"properties\": {\n                    \"a\": {\n                        \"type\": \"string\",\n                        \"enum\": [\n                            \"x\",\n                            \"y\"\n                        ]\n                    }\n                }\n            }\n        }\n    }\n]|{\n\t\"type\": \"function\",\n\t\"function\": {\n\t\t\"name\": \"f\",\n\t\t\"parameters\": {\n\t\t\t\"type\": \"object\",\n\t\t\t\"properties\": {\n\t\t\t\t\"a\": {\n\t\t\t\t\t\"type\": \"string\",\n\t\t\t\t\t\"enum\": [\n\t\t\t\t\t\t\"x\",\n\t\t\t\t\t\t\"y\"\n\t\t\t\t\t]\n\t\t\t\t}\n\t\t\t}\n\t\t}\n\t}\n}", false},
    {"tojson_key_order", "{{ x|tojson }}|{{ x|tojson(sort_keys=true) }}|{{ x|items|list }}|{% for k in x %}{{ k }}{% endfor %}", "{\"x\": {\"b\": 1, \"a\": {\"d\": 2, \"c\": [3, {\"z\": 1, \"y\": 2}]}}}", "{\"b\": 1, \"a\": {\"d\": 2, \"c\": [3, {\"z\": 1, \"y\": 2}]}}|{\"a\": {\"c\": [3, {\"y\": 2, \"z\": 1}], \"d\": 2}, \"b\": 1}|[('b', 1), ('a', {'d': 2, 'c': [3, {'z': 1, 'y': 2}]})]|ba", false},
    {"tojson_numbers", "{{ x }} {{ y }} {{ z }} {{ w }} {{ v }} {{ u }} {{ [x, z, w, u]|tojson }}", "{\"x\": 1.0, \"y\": 2, \"z\": 1e+100, \"w\": 0.1, \"v\": 123456789012345678, \"u\": -1.5e-10}", "1.0 2 1e+100 0.1 123456789012345678 -1.5e-10 [1.0, 1e+100, 0.1, -1.5e-10]", false},
    {"indent_filter", "{{ \"a\\nb\\n\"|indent }}|{{ \"a\\n\\nb\"|indent(2, true) }}|{{ \"a\\n\\nb\"|indent(2, blank=true) }}|{{ \"x\\ny\"|indent('> ') }}", "{}", "a\n    b\n|  a\n\n  b|a\n  \n  b|x\n> y", false},
    {"replace_wordcount_center", "{{ 'a b c'|replace(' ', '_') }}|{{ 'aaa'|replace('a', 'b', 2) }}|{{ 'abc'|replace('', '-') }}|{{ 'hello world foo'|wordcount }}|{{ 'abc'|center(9) }}|{{ 'ab'|center(7) }}", "{}", "a_b_c|bba|-a-b-c-|3|   abc   |   ab  ", false},
    {"format_filter", "{{ '%s and %s'|format('a', 'b') }}|{{ '%d%%'|format(50) }}|{{ '%(x)s'|format(x=1) }}|{{ '%5.2f|%-5d|%05d|%x|%#o|%+d|% d'|format(3.14159, 42, 42, 255, 8, 5, 5) }}|{{ '%r'|format('a') }}", "{}", "a and b|50%|1| 3.14|42   |00042|ff|0o10|+5| 5|'a'", false},
    {"percent_operator", "{{ '%s' % 'x' }}|{{ '%s-%s' % (1, 2) }}|{{ '%.3s' % 'abcdef' }}|{{ '%c' % 65 }}|{{ '%e' % 12345.678 }}|{{ '%g' % 0.0001 }}|{{ '%10s|' % 'r' }}|{{ '%-10s|' % 'l' }}|{{ \"%s\" % [1, 2] }}|{{ \"%d\" % 3.9 }}|{{ \"%(a)s-%(b)d\" % {\"a\": \"x\", \"b\": 2} }}", "{}", "x|1-2|abc|A|1.234568e+04|0.0001|         r||l         ||[1, 2]|3|x-2", false},
    {"percent_missing_argument_fails", "{{ \"%s %s\" % (1,) }}", "{}", "TypeError", true},
    {"str_format_method", "{{ '{} {}'.format(1, 'a') }}|{{ '{0}{1}{0}'.format('x', 'y') }}|{{ '{name}'.format(name='n') }}|{{ '{:>5}'.format('a') }}|{{ '{:^7}'.format('ab') }}|{{ '{:.2f}'.format(3.14159) }}|{{ '{:05d}'.format(42) }}|{{ '{:,}'.format(1234567) }}|{{ '{:x}'.format(255) }}|{{ '{!r}'.format('q') }}|{{ '{{}}'.format() }}|{{ '{:.3}'.format(1.0) }}|{{ '{}'.format(1.5) }}|{{ '{:e}'.format(0.5) }}|{{ '{:%}'.format(0.25) }}|{{ \"{0[0]} {1.a}\".format([1, 2], {'a': 'x'}) }}", "{}", "1 a|xyx|n|    a|  ab   |3.14|00042|1,234,567|ff|'q'|{}|1.0|1.5|5.000000e-01|25.000000%|1 x", false},
    {"number_filters", "{{ 42|string }}|{{ '42'|int + 1 }}|{{ '4.7'|int }}|{{ 'x'|int }}|{{ 'x'|int(7) }}|{{ '3.5'|float }}|{{ 3|float }}|{{ -3|abs }}|{{ 2.567|round(2) }}|{{ 2.5|round }}|{{ 3.5|round }}|{{ 2.1|round(method='ceil') }}|{{ 3|round }}|{{ '0x1A'|int(base=16) }}|{{ ' 12 '|int }}", "{}", "42|43|4|0|7|3.5|3.0|3|2.57|2.0|4.0|3.0|3|26|12", false},
    {"string_methods_strip_split", "{{ '  a b  '.strip() }}|{{ 'xxaxx'.lstrip('x') }}|{{ 'a,b,c'.split(',') }}|{{ 'a b  c'.split() }}|{{ 'a,b,c'.split(',', 1) }}|{{ 'a,b,c'.rsplit(',', 1) }}|{{ ' a b '.split(' ') }}|{{ 'x\\n'.rstrip() }}|{{ 'a<b>c'.split('<')[1].split('>')[0] }}", "{}", "a b|axx|['a', 'b', 'c']|['a', 'b', 'c']|['a', 'b,c']|['a,b', 'c']|['', 'a', 'b', '']|x|b", false},
    {"string_methods_affixes", "{{ 'abc'.startswith('ab') }}|{{ 'abc'.endswith(('x','c')) }}|{{ 'abc'.startswith('b', 1) }}|{{ 'abc'.endswith('') }}|{{ 'abc'.removeprefix('a') }}|{{ 'abc'.removesuffix('c') }}", "{}", "True|True|True|True|bc|ab", false},
    {"string_methods_case_search", "{{ 'Hello'.upper() }}|{{ 'Hello'.lower() }}|{{ 'hello world'.title() }}|{{ \"they're\".title() }}|{{ 'hELLO'.capitalize() }}|{{ 'abc'.replace('b', 'x') }}|{{ 'abcb'.find('b') }}|{{ 'abcb'.rfind('b') }}|{{ 'abcb'.count('b') }}|{{ 'éab'.find('a') }}|{{ ','.join(['a','b']) }}", "{}", "HELLO|hello|Hello World|They'Re|Hello|axc|1|3|2|1|a,b", false},
    {"string_methods_predicates", "{{ 'a\\nb\\r\\nc'.splitlines() }}|{{ '123'.isdigit() }}|{{ 'abc'.isalpha() }}|{{ ''.isalpha() }}|{{ 'Ab'.islower() }}|{{ 'ab1'.islower() }}|{{ 'AB'.isupper() }}|{{ ' '.isspace() }}|{{ 'a1'.isalnum() }}|{{ 'ab'.zfill(5) }}|{{ 'a'.ljust(3, '*') }}|{{ 'a=b=c'.partition('=') }}", "{}", "['a', 'b', 'c']|True|True|False|False|True|True|True|True|000ab|a**|('a', '=', 'b=c')", false},
    {"unicode_case_mapping", "{{ s|lower }}|{{ s|upper }}|{{ s.title() }}|{{ s|capitalize }}|{{ s.swapcase() }}|{{ s|title }}", "{\"s\": \"ΣΑΣ ΟΔΟΣ straße ǅ ǈ ﬁ İ héllo\"}", "σας οδος straße ǆ ǉ ﬁ i̇ héllo|ΣΑΣ ΟΔΟΣ STRASSE Ǆ Ǉ FI İ HÉLLO|Σας Οδος Straße ǅ ǈ Fi İ Héllo|Σας οδος straße ǆ ǉ ﬁ i̇ héllo|σας οδος STRASSE ǅ ǈ FI i̇ HÉLLO|Σας Οδος Straße Ǆ Ǉ FI İ Héllo", false},
    {"unicode_strings", "{{ s|length }}|{{ s|reverse }}|{{ s[1:4] }}|{{ s|tojson }}|{{ s|tojson(ensure_ascii=true) }}|{{ [s] }}|{{ s.split() }}|{{ s|trim }}|{{ s|wordcount }}|{{ s|center(30) }}", "{\"s\": \"héllo wörld ñ 日本 😀   á\"}", "23|́a   😀 本日 ñ dlröw olléh|éll|\"héllo wörld ñ 日本 😀   á\"|\"h\\u00e9llo w\\u00f6rld \\u00f1 \\u65e5\\u672c \\ud83d\\ude00 \\u00a0 a\\u0301\"|['héllo wörld ñ 日本 😀 \\xa0 á']|['héllo', 'wörld', 'ñ', '日本', '😀', 'á']|héllo wörld ñ 日本 😀   á|5|   héllo wörld ñ 日本 😀   á    ", false},
    {"unicode_line_breaks", "{{ s.splitlines() }}|{{ s|indent(1) }}|{{ s.split() }}", "{\"s\": \"a bc\\u000bd\\fe\\u001cf\"}", "['a', 'b', 'c', 'd', 'e', 'f']|a\n b\n c\n d\n e\n f|['a', 'b', 'c', 'd', 'e', 'f']", false},
    {"dict_and_list_methods", "{{ {'a':1}.get('a') }}|{{ {'a':1}.get('b') }}|{{ {'a':1}.get('b', 2) }}|{{ {'a':1,'b':2}.items()|list }}|{{ {'a':1}.keys()|list }}|{{ {'a':1}.values()|list }}|{{ [1,2,1].count(1) }}|{{ [1,2,1].index(2) }}", "{}", "1|None|2|[('a', 1), ('b', 2)]|['a']|[1]|2|1", false},
    {"list_append_is_unsafe", "{% set x = [1] %}{{ x.append(2) }}", "{}", "SecurityError", true},
    {"dict_update_is_unsafe", "{% set d = {'a': 1} %}{{ d.update({'b': 2}) }}", "{}", "SecurityError", true},
    {"attribute_vs_item", "{{ d['items'] }}|{{ d.content }}|{{ d['content'] }}|{{ d.missing }}|{{ d.missing is defined }}|{{ m.role == m['role'] }}|{{ d.items is defined }}", "{\"d\": {\"items\": 5, \"content\": \"c\"}, \"m\": {\"role\": \"user\"}}", "5|c|c||False|True|True", false},
    {"undefined_attribute_of_undefined_fails", "{{ x.y }}", "{}", "UndefinedError", true},
    {"undefined_behaviour", "{{ x|upper }}|{{ x ~ 'a' }}|{% for i in x %}{% endfor %}|{{ x|length }}|{{ x is iterable }}|{{ x is sequence }}|{{ x == x }}|{{ x|default('d') }}|{{ x|list }}|{{ not x }}", "{}", "|a||0|True|True|True|d|[]|True", false},
    {"tests", "{{ x is defined }}|{{ x is undefined }}|{{ none is none }}|{{ 'a' is string }}|{{ 1 is number }}|{{ 1.0 is float }}|{{ 1 is integer }}|{{ true is integer }}|{{ {} is mapping }}|{{ [] is iterable }}|{{ [] is sequence }}|{{ 'a' is sequence }}|{{ false is false }}|{{ true is true }}|{{ 1 is boolean }}|{{ 4 is divisibleby 2 }}|{{ 3 is odd }}|{{ 2.5 is odd }}|{{ 'abc' is lower }}|{{ 1 is eq 1 }}|{{ 2 is gt 1 }}|{{ 1 is in [1] }}|{{ 'upper' is filter }}|{{ 'odd' is test }}|{{ none is sameas none }}|{{ 1 is ne 2 }}|{{ 1 is le 1 }}|{{ 'x' is not none }}", "{}", "False|True|True|True|True|True|True|False|True|True|True|True|True|True|False|True|True|False|True|True|True|True|True|True|True|True|True|True", false},
    {"markup", "{{ [1, 2]|tojson|safe }}|{{ 'a<b'|safe + '<' }}|{{ 'x'|e }}|{{ '<&>\"\\''|escape }}|{{ '<'|safe ~ '<' }}|{{ ('a'|safe + \"'\") }}|{{ ('a'|safe).replace('a', '<') }}|{{ 'abc'|safe|list }}", "{}", "[1, 2]|a<b&lt;|x|&lt;&amp;&gt;&#34;&#39;|<<|a&#39;|&lt;|['a', 'b', 'c']", false},
    {"loop_variables", "{% for x in [1,2,3] %}{{ loop.index }}{{ loop.index0 }}{{ loop.first }}{{ loop.last }}{{ loop.length }}{{ loop.revindex }}{{ loop.revindex0 }}{% if not loop.last %},{% endif %}{% endfor %}", "{}", "10TrueFalse332,21FalseFalse321,32FalseTrue310", false},
    {"loop_previtem_cycle", "{% for x in [1,2,3] %}{{ loop.previtem }}-{{ loop.nextitem }}|{{ loop.cycle('a','b') }}|{{ loop.depth }}{% endfor %}|{% for i in range(3) %}{{ loop.changed(i // 2) }}{% endfor %}", "{}", "-2|a|11-3|b|12-|a|1|TrueFalseTrue", false},
    {"break_continue", "{% for x in [1,2,3,4] %}{% if x == 3 %}{% break %}{% endif %}{{ x }}{% endfor %}|{% for x in [1,2,3,4] %}{% if x is even %}{% continue %}{% endif %}{{ x }}{% endfor %}", "{}", "12|13", false},
    {"for_else_and_filter", "{% for x in [] %}a{% else %}empty{% endfor %}|{% for x in [1,2] if x > 5 %}a{% else %}none{% endfor %}|{% for x in [1,2,3] if x > 1 %}{{ loop.index }}/{{ loop.length }}:{{ x }} {% endfor %}", "{}", "empty|none|1/2:2 2/2:3 ", false},
    {"iteration_kinds", "{% for x in 'ab' %}{{ x }}.{% endfor %}{% for x in {'k':1,'j':2} %}{{ x }}{% endfor %}{% for a, b in [('x', 'X'), ('y', 'Y')] %}{{ a }}{{ b }}{% endfor %}{% for k, v in {'a': 1}.items() %}{{ k }}={{ v }}{% endfor %}", "{}", "a.b.kjxXyYa=1", false},
    {"iterating_none_fails", "{% for x in none %}{% endfor %}", "{}", "TypeError", true},
    {"unpacking_mismatch_fails", "{% for a, b in [(1,2,3)] %}{% endfor %}", "{}", "ValueError", true},
    {"loop_scoping", "{% set x = 0 %}{% for i in range(3) %}{{ x }}{% set x = i %}{{ x }},{% endfor %}{{ x }}|{% for i in range(3) %}{% if i == 0 %}{% set y = 5 %}{% endif %}{{ y }},{% endfor %}|{% set z = 1 %}{% if true %}{% set z = 2 %}{% endif %}{{ z }}", "{}", "00,01,02,0|5,,,|2", false},
    {"nested_loops", "{% for i in [1, 2] %}{% set outer = loop %}{% for j in [3, 4] %}{{ outer.index }}{{ loop.index }}{{ i }}{{ j }},{% endfor %}{% endfor %}", "{}", "1113,1214,2123,2224,", false},
    {"recursive_loop", "{% for x in [[1, 2], [3, [4]]] recursive %}[{% if x is iterable %}{{ loop(x) }}{% else %}{{ x }}@{{ loop.depth }}{% endif %}]{% endfor %}", "{}", "[[1@2][2@2]][[3@2][[4@3]]]", false},
    {"namespace", "{% set ns = namespace(count=0, items=[]) %}{% for i in range(5) %}{% set ns.count = ns.count + i %}{% set ns.items = ns.items + [i] %}{% endfor %}{{ ns.count }} {{ ns.items }} {{ ns }}", "{}", "10 [0, 1, 2, 3, 4] <Namespace {'count': 10, 'items': [0, 1, 2, 3, 4]}>", false},
    {"namespace_assign_non_namespace_fails", "{% set x = 1 %}{% set x.a = 1 %}", "{}", "TemplateRuntimeError", true},
    {"macros", "{% macro greet(name, greeting='Hello') %}{{ greeting }}, {{ name }}!{% endmacro %}{{ greet('A') }}|{{ greet('B', 'Hi') }}|{{ greet(greeting='Yo', name='C') }}|{{ greet() }}", "{}", "Hello, A!|Hi, B!|Yo, C!|Hello, !", false},
    {"macro_scope", "{% set x = 1 %}{% macro m() %}{{ x }}{% set x = 2 %}{{ x }}{% endmacro %}{{ m() }}{{ x }}|{% macro n() %}{{ y }}{% endmacro %}{% set y = 3 %}{{ n() }}|{% macro o() %}{{ z }}{% endmacro %}{% for z in [7] %}{{ o() }}{% endfor %}", "{}", "121|3|", false},
    {"macro_recursion", "{% macro render(x) %}{% if x is mapping %}{ {% for k, v in x.items() %}{{ k }}: {{ render(v) }} {% endfor %}}{% else %}{{ x }}{% endif %}{% endmacro %}{{ render({'a': {'b': 1}, 'c': 2}) }}", "{}", "{ a: { b: 1 } c: 2 }", false},
    {"macro_varargs_kwargs", "{% macro m(a) %}{{ a }}{{ varargs }}{{ kwargs }}{% endmacro %}{{ m(1, 2, 3, k=4) }}|{% macro n(a, b) %}{{ a }}-{{ b }}{% endmacro %}{{ n(*[1, 2]) }}|{{ n(**{'a': 3, 'b': 4}) }}", "{}", "1(2, 3){'k': 4}|1-2|3-4", false},
    {"macro_too_many_arguments_fails", "{% macro m(a) %}{{ a }}{% endmacro %}{{ m(1, 2) }}", "{}", "TypeError", true},
    {"macro_unknown_keyword_fails", "{% macro m(a) %}{{ a }}{% endmacro %}{{ m(b=2) }}", "{}", "TypeError", true},
    {"call_blocks", "{% macro wrap() %}<{{ caller() }}>{% endmacro %}{% call wrap() %}inner{% endcall %}|{% macro m2(a) %}[{{ caller(a * 2) }}]{% endmacro %}{% call(v) m2(21) %}v={{ v }}{% endcall %}", "{}", "<inner>|[v=42]", false},
    {"filter_blocks", "{% filter upper %}hello {{ 'world' }}{% endfilter %}|{% filter trim %}   spaced   {% endfilter %}|{% filter indent(2) %}a\nb{% endfilter %}", "{}", "HELLO WORLD|spaced|a\n  b", false},
    {"set_blocks", "{% set block %}  content {{ 1 + 1 }}  {% endset %}[{{ block }}]{% set b2 | trim %}  x  {% endset %}[{{ b2 }}]|{% set a, b = 1, 2 %}{{ a }}{{ b }}|{% set t = 1, 2 %}{{ t }}", "{}", "[  content 2  ][x]|12|(1, 2)", false},
    {"with_block", "{% set x = 1 %}{% with x = x + 1, y = 3 %}{{ x }}{{ y }}{% endwith %}{{ x }}{{ y }}", "{}", "231", false},
    {"generation_block", "{% for m in [1, 2] %}{% generation %}<{{ m }}>{% set inner = 1 %}{% endgeneration %}{{ inner }}{% endfor %}", "{}", "<1><2>", false},
    {"globals", "{{ range(5)|list }}|{{ range(2, 10, 3)|list }}|{{ range(5, 0, -2)|list }}|{{ dict(a=1, b=2) }}|{{ namespace(a=1).a }}|{{ strftime_now('%d %b %Y') }}|{{ strftime_now('%d %B %Y') }}|{{ strftime_now('%Y-%m-%d %A %j %V') }}", "{}", "[0, 1, 2, 3, 4]|[2, 5, 8]|[5, 3, 1]|{'a': 1, 'b': 2}|1|26 Nov 2026|26 November 2026|2026-11-26 Thursday 330 48", false},
    {"raise_exception_global", "{{ raise_exception('Conversation roles must alternate') }}", "{}", "TemplateError", true},
    {"batch_slice_first_last", "{{ ['a', 'b']|first }}|{{ ['a', 'b']|last }}|{{ []|first }}|{{ 'abc'|first }}|{{ {'x':1}|first }}|{{ [1,2,3,4,5]|batch(2)|list }}|{{ [1,2,3,4,5]|slice(2)|list }}|{{ [1,2,3]|batch(2, 0)|list }}", "{}", "a|b||a|x|[[1, 2], [3, 4], [5]]|[[1, 2, 3], [4, 5]]|[[1, 2], [3, 0]]", false},
    {"truncate", "{{ 'hello world foo bar baz'|truncate(11) }}|{{ 'hello world'|truncate(5, true) }}|{{ 'short'|truncate(10) }}", "{}", "hello...|he...|short", false},
    {"groupby", "{% for g, items in [{'k': 'a', 'v': 1}, {'k': 'b', 'v': 2}, {'k': 'a', 'v': 3}]|groupby('k') %}{{ g }}:{{ items|map(attribute='v')|list }};{% endfor %}", "{}", "a:[1, 3];b:[2];", false},
    {"message_content_is_data", "{% for m in messages %}{{ m.content }}|{{ m['role'] }}{% endfor %}", "{\"messages\": [{\"role\": \"user\", \"content\": \"{{ x }} {% if %} {# c #} {{ raise_exception('boom') }}\"}]}", "{{ x }} {% if %} {# c #} {{ raise_exception('boom') }}|user", false},
    {"content_parts", "{% for m in messages %}{% if m.content is string %}{{ m.content }}{% else %}{% for c in m.content %}{% if c.type == 'image' %}<img>{% elif c['type'] == 'text' %}{{ c.text }}{% endif %}{% endfor %}{% endif %}{% endfor %}", "{\"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"image\"}, {\"type\": \"text\", \"text\": \"hi\"}]}]}", "<img>hi", false},
    {"static_scoping_root_assignment_shadows", "{% macro m() %}[{{ x }}]{% endmacro %}{{ m() }}{% for i in [1] %}({{ x }}){% endfor %}{% set x = 'root' %}{{ m() }}{{ x }}", "{\"x\": \"context\"}", "[]()[root]root", false},
    {"static_scoping_read_first_resolves", "{{ x }}{% macro m() %}[{{ x }}]{% endmacro %}{{ m() }}{% set x = 'root' %}{{ m() }}", "{\"x\": \"context\"}", "context[context][root]", false},
    {"static_scoping_branch_assignment_resolves", "{% for i in [1] %}({{ x }}){% endfor %}{% if true %}{% set x = 'root' %}{% endif %}{{ x }}", "{\"x\": \"context\"}", "(context)root", false},
    {"for_else_runs_when_no_iteration_completes", "{% for i in [1, 2] %}{% continue %}{% else %}else{% endfor %}|{% for i in [1, 2] %}{% if i == 2 %}{% continue %}{% endif %}{{ i }}{% else %}else{% endfor %}|{% for i in [1] %}{% break %}{% else %}else{% endfor %}", "{}", "else|1|else", false},
    {"break_inside_filter_and_set_blocks", "{% for i in [1, 2, 3] %}{% filter upper %}a{{ i }}{% if i == 2 %}{% break %}{% endif %}{% endfilter %}{% endfor %}|{% for i in [1, 2] %}{% set s %}{{ i }}{% continue %}{% endset %}{{ s }}{% endfor %}\n", "{}", "A1|", false},
    {"crlf_newlines", "a\r\nb\r  {% if true %}\r\nc\r\n{% endif %}\r\n", "{}", "a\nb\nc\n", false},
    {"template_data_tab_and_nbsp", "\t{% if true %}x{% endif %} {{ 1 }}", "{}", "x 1", false},
};
// clang-format on

} // namespace

class TestJinjaSemantics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matchesJinja2_data()
    {
        QTest::addColumn<int>("row");
        for (int i = 0; i < static_cast<int>(std::size(kRows)); ++i)
            QTest::newRow(kRows[i].name) << i;
    }

    void matchesJinja2()
    {
        QFETCH(int, row);
        const Row &r = kRows[row];
        std::tm now {};
        now.tm_year = 2026 - 1900;
        now.tm_mon = 10;
        now.tm_mday = 26;
        RenderOptions options;
        options.now = now;
        auto tmpl = ChatTemplate::parse(r.source);
        if (!tmpl) {
            QVERIFY2(r.fails, tmpl.error().message.c_str());
            QCOMPARE(tmpl.error().code, ErrorCode::TemplateSyntax);
            return;
        }
        auto out = tmpl->render(nlohmann::ordered_json::parse(r.context), options);
        if (r.fails) {
            QVERIFY2(!out, out ? out->c_str() : "");
            QCOMPARE(out.error().code, ErrorCode::TemplateRuntime);
            return;
        }
        QVERIFY2(out, out ? "" : out.error().message.c_str());
        QCOMPARE(QString::fromStdString(*out), QString::fromUtf8(r.expected));
        QVERIFY(*out == r.expected);
    }
};

QTEST_APPLESS_MAIN(TestJinjaSemantics)
#include "test_jinja_semantics.moc"
