/// Problems told in English: the one place where a problem becomes English text (Problem.swift has the cases).
/// A second language copies this file and words each case in its own language.
public struct English: ProblemRenderer {
    public init() {}

    public func text(_ problem: Problem) -> String {
        switch problem {
        case .invalidUTF8InLine: return "invalid UTF-8 in this line"
        case .invalidUTF8InString: return "invalid UTF-8 in this string"
        case .invalidUTF8InQuery: return "invalid UTF-8 in the query"
        case .unknownEscape: return "unknown escape in string: only \\\" and \\\\ are allowed"
        case .unterminatedString: return "unterminated string: close it with \" on the same line"
        case .nulInString: return "NUL byte in a string"
        case .variableNameMissing: return "'$' must be followed by a variable name, like $bzh"
        case .bangWithoutEquals: return "unexpected '!'" + didYouMean(["'!='"])
        case .unexpectedCharacter(let scalar):
            let shown = scalar.map { $0 < 0x20 ? CodePoint.name($0) : Unicode.Scalar($0).map { "'\(Character($0))'" } ?? CodePoint.name($0) } ?? "byte"
            return "unexpected character \(shown); names with blanks or quotes are written as \"strings\""
        case .shellHabit(let typed, let quit):
            return "unexpected '\(typed)'; " + (quit ? "to leave type \(DotCommand.quitCommand) (or Ctrl-D)" : "for help type \(DotCommand.helpCommand)")

        case .termSuggestion(let found, let phrase, let example):
            return "unexpected '\(found)'" + didYouMean(["'\(phrase)'"]) + like(example)
        case .stageSuggestion(let found, let phrase, let example):
            return "expected a stage, found '\(found)'" + didYouMean(["'\(phrase)'"]) + like(example)
        case .stageAtStart(let found, let phrase, let example):
            return "unexpected '\(found)'; a query starts with a term and '\(phrase)' is a stage after '|'" + (example.map { ", like: " + $0 } ?? "")
        case .dotCommandWord(let word, let quit):
            return "'\(word)' is not a statement; dot-commands start with a dot: \(quit ? DotCommand.quitCommand : DotCommand.helpCommand)"
        case .termNeedsParentheses(let term, let example):
            return "'\(term)' is a term; where a name is expected, wrap it in parentheses" + (example.map { ": " + $0 } ?? "")
        case .nameWithBlanks(let word, let name):
            return "unexpected '\(word)'; a name with blanks is written as a string" + (name.map { ": \"\($0)\"" } ?? "")
        case .placeNotQuoted(let name):
            return "unexpected '('; a name with its place is written as a string: \"\(name)\""

        case .expectedKeyword(let k, let context, let found):
            return "expected '\(k.text)'" + place(context) + ", found " + describe(found)
        case .expectedSymbol(let s, let context, let found):
            return "expected '\(s)'" + place(context) + ", found " + describe(found)
        case .expectedVariableAfterLet:
            return "expected a variable after '\(Keyword.let.text)', like: \(Keyword.let.text) $bzh = \(Keyword.authorities.text) \(Keyword.in.text) FR-BRE"
        case .unmatchedCloseParenthesis: return "unmatched ')'"
        case .unexpectedAfterStatement(let found):
            let sets: [Keyword] = [.union, .intersect, .except]
            return "unexpected \(describe(found)); a stage starts with \(either(Keyword.stages.map(\.text))), and sets combine with \(either(sets.map(\.text)))"
        case .unterminatedStringInDotCommand: return "unterminated string in dot-command"
        case .expectedStageAfterBar(let found):
            let starts = Keyword.stageStarts.filter { $0.first?.isStage == true }.map(\.phrase)
            return "expected a stage after '|' (\(starts.joined(separator: ", "))), found \(describe(found))"
        case .depthTooSmall: return "\(Keyword.depth.text) must be 1 or more"
        case .tooDeeplyNested(.parentheses, let limit): return "too deeply nested: more than \(limit) parentheses"
        case .tooDeeplyNested(.not, let limit): return "too deeply nested: more than \(limit) levels of '\(Keyword.not.text)'"
        case .conditionTooDeep(let limit):
            return "too deeply nested: a condition may be \(limit) levels of and, or, not and parentheses deep (as SQLite's limit); for many values of one field write FIELD in (A, B, …)"
        case .unclosedParenthesis(let column, let found):
            return "expected ')' to close the '(' at column \(column), found \(describe(found))"
        case .unknownKindPrefix(let word):
            let prefixes = ElementKind.allCases.filter { Lexicon.kindPrefixes[$0.rawValue] != nil }.map { $0.rawValue + ":" }
            return "unknown kind '\(word)' before ':'; write \(either(prefixes))"
        case .keywordAsName(let word):
            return "'\(word)' is a keyword; to name something called that, quote it: \"\(word)\""
        case .expectedName(let context, let found):
            return "expected a name or an id" + place(context) + (found.map { ", found " + describe($0) } ?? "")
        case .expectedWholeNumber(let context, let found):
            return "expected a whole number" + place(context) + ", found " + describe(found)
        case .numberTooLarge(let n): return "number \(n) is too large"
        case .expectedField(let context, let found):
            return "expected a field name" + place(context) + ", found " + describe(found)
        case .expectedComparison(let field, let found):
            return "expected a comparison (=, !=, <, <=, >, >=, ~, \(Keyword.in.text), \(Keyword.within.text)) after '\(field)', found \(describe(found))"
        case .expectedValue(let found):
            return "expected a value (a number, a word or a \"string\"), found \(describe(found))"
        case .savedQueryParameter(let name):
            return "$\(name) is a parameter of a saved query: .save NAME keeps this statement, then .run NAME ARG… runs it with $1, $2 … replaced"
        case .incomplete(let inner): return "incomplete statement: " + text(inner)

        case .authoritiesInNeedsPlace(let id, let kind):
            return "'\([Keyword.authorities, .in].phrase)' needs a country or an authority, and '\(id)' is \(article(kind))"
                + (kind == .group ? "; for its members write: \([Keyword.members, .of].phrase) \(id)" : "")
        case .needsAuthorities(let term, let given):
            let needs = "'\(phrase(term))' needs authorities, countries or groups"
            switch given {
            case .partnershipRef: return needs
            case .partnerships: return needs + ", not partnerships"
            case .path: return "a path is not a set; " + needs
            case .table(let origin): return "a \(origin.isEmpty ? Keyword.count.text : origin) result is not a set; " + needs
            }
        case .membersOfNeedsGroup(let id, let kind):
            return "'\([Keyword.members, .of].phrase)' needs a group, and '\(id)' is \(article(kind))"
                + (kind != .group ? "; for the authorities of a country write: \([Keyword.authorities, .in].phrase) \(id)" : "")
        case .membersOfCountry(let id, let country, let groups):
            let members = [Keyword.members, .of].phrase
            return "'\(members)' needs a group, and '\(id)' is a country; the group for \(country) is \(groups.joined(separator: " or ")): \(members) \(groups[0]) (for the authorities of the country: \([Keyword.authorities, .in].phrase) \(id))"
        case .membersOfNeedsGroups(let rows):
            return "'\([Keyword.members, .of].phrase)' needs groups, not \(rows == .table ? "a table" : rows.rawValue + " rows")"
        case .notASet(let op, let rows):
            return "\(rows == .step ? "a path" : "a count") result is not a set; '\(op.rawValue)' needs two sets"
        case .setKindsDiffer(let op, let left, let right):
            return "'\(op.rawValue)' needs both sides of one kind, but the left holds \(left.rawValue) rows and the right \(right.rawValue) rows"
        case .similarNeedsAuthority(let id, let kind):
            return "'\([Keyword.similar, .to].phrase)' compares one authority with the others, and '\(id)' is \(article(kind))"
        case .pathNeedsAuthority(let id, let kind):
            return "'\(Keyword.path.text)' goes from one authority to another, and '\(id)' is \(article(kind))"
        case .briefNeedsElement: return "'\(Keyword.brief.text)' is for a country, an authority or a group"
        case .unknownVariable(let name, let candidates):
            return "unknown variable $\(name)" + (candidates.isEmpty ? "; define it first: \(Keyword.let.text) $\(name) = …" : didYouMean(candidates.map { "$" + $0 }))
        case .unknownField(let name, let rows, let candidates, let fields):
            return "unknown field '\(name)' for \(rows == .table ? "these rows" : rows.rawValue + " rows")"
                + (candidates.isEmpty ? "; fields: " + fields.joined(separator: ", ") : didYouMean(candidates.map { "'\($0)'" }))
        case .sideIsAOrB: return "a side is 'a' or 'b', like: \(Keyword.where.text) b \(Keyword.within.text) SN"
        case .sideOnlyOnPartnerships(let side, let rows):
            let within = Keyword.within.text
            return "'\(side) \(within)' is for partnerships (a \(within) X, b \(within) X); for \(rows.rawValue) rows write: \(Keyword.where.text) \(within) X"
        case .withinNeedsSide(let ref):
            let w = Keyword.where.text + " ", within = " " + Keyword.within.text + " "
            return "say which side: \(w)a\(within)\(ref) or \(w)b\(within)\(ref)"
        case .withinNeedsAuthorities(let rows):
            return "'\(Keyword.within.text)' tests authorities, and these are \(rows == .table ? "table" : rows.rawValue) rows"
        case .notANumber(let field, let value, let quoted):
            return "'\(field)' is a number; compare it with a number, not \(quoted ? "\"\(value)\"" : "'\(value)'")"
        case .briefNeedsDocumentMode:
            return "a brief is a document of tables: write it in table, markdown, json, tsv or csv mode (.mode markdown), or as a page with .brief FILE.html REF"
        case .closenessPastLimit(let work, let limit):
            return "closeness needs a breadth-first search from every authority, and this KB's network needs \(work) steps, past the exact limit of \(limit) (.measures limit N raises it); closeness is refused rather than guessed (betweenness is sampled: see .measures)"

        case .unknownCommand(let name, let suggestion):
            return "unknown command '.\(name)'" + (suggestion.map { didYouMean(["'.\($0)'"]) } ?? "; .help lists the commands")
        case .usage(let command):
            return DotCommand.named(command)?.usage ?? "usage: .\(command)"
        // ▸ KB files and import (Diagnostics/KBProblem.swift, ImportProblem.swift)
        case .kb(let p): return text(p)
        case .importing(let p): return text(p)
        case .internalError(let type): return "internal error (\(type)): this is a bug of coopkb; please report it with the statement"

        // ▸ REF resolution and evaluation (Diagnostics/ResolutionProblem.swift)
        case .resolution(let p): return text(p)

        // ▸ the session, its files and tools (Diagnostics/SessionProblem.swift)
        case .session(let p): return text(p)

        }
    }

    /// "; did you mean A or B?": the one place a suggestion is worded (items already quoted as they show).
    public func didYouMean(_ items: [String]) -> String {
        items.isEmpty ? "" : "; did you mean " + items.joined(separator: " or ") + "?"
    }

    /// The plural of an English noun that names a kind of record (country, countries), for counts.
    public static func plural(_ noun: String) -> String {
        noun.hasSuffix("y") ? String(noun.dropLast()) + "ies" : noun + "s"
    }

    /// "? like: STATEMENT" after a suggestion, or nothing.
    func like(_ example: String?) -> String { example.map { " like: " + $0 } ?? "" }

    /// "a, b or c".
    func either(_ items: [String]) -> String {
        items.count < 2 ? items.joined() : items.dropLast().joined(separator: ", ") + " or " + items[items.count - 1]
    }

    /// "an authority", "a country".
    func article(_ kind: ElementKind) -> String { kind == .authority ? "an authority" : "a \(kind.rawValue)" }

    /// A term's words, "…" for an operand.
    func phrase(_ words: [Keyword?]) -> String { words.map { $0?.text ?? "…" }.joined(separator: " ") }

    /// What stood where something else was expected.
    func describe(_ found: Problem.Found) -> String {
        switch found {
        case .end: return "the end of the statement"
        case .string(let s): return "string \"\(s)\""
        case .variable(let v): return "$\(v)"
        case .newline: return "end of line"
        case .dotCommand: return "dot-command"
        case .token(let t): return "'\(t)'"
        }
    }

    /// " after 'sort by'": what the grammar was reading, with its leading blank (empty for none).
    func place(_ context: Problem.Context) -> String {
        switch context {
        case .none: return ""
        case .after(let words): return " after '\(words.phrase)'"
        case .afterWord(let word): return " after '\(word)'"
        case .afterLet(let name): return " after \(Keyword.let.text) $\(name)"
        case .afterBrief: return " after '\(Keyword.brief.text)' (a country, an authority or a group)"
        case .inPartnershipsBetween: return " in '\(Keyword.partnerships.text) \(Keyword.between.text) S \(Keyword.and.text) T'"
        case .inPathFromTo: return " in '\(Keyword.path.text) \(Keyword.from.text) A \(Keyword.to.text) B'"
        case .afterIn: return " after '\(Keyword.in.text)' (write: field \(Keyword.in.text) (a, b))"
        case .closingValueList: return " to close the list of values"
        case .inCondition: return " in the condition"
        }
    }
}
