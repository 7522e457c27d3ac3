/// The language coopkb speaks to a person: messages, hints, help, the banner and row counts. Results (TSV, CSV,
/// JSON, column names) and error positions and exit codes are the same in both; keywords of both languages are
/// accepted whatever it is (Query/Keywords.swift). docs/langage.md states the rules.
public enum Language: String, Sendable, CaseIterable {
    case en, fr

    /// The renderer that words problems in this language (Diagnostics/English.swift, FrenchMessages.swift).
    public var problems: any ProblemRenderer { self == .fr ? FrenchMessages() : English() }

    /// The language a word names: `fr`, `français`, `french`, `en`, `anglais`, `english` (any case).
    public init?(named word: String) {
        switch word.lowercased() {
        case "fr", "français", "francais", "french": self = .fr
        case "en", "anglais", "english": self = .en
        default: return nil
        }
    }

    /// The language of a POSIX locale value: French for `fr`, `fr_FR.UTF-8`, `fr-CA`, `fr@euro`; English otherwise.
    public static func ofLocale(_ value: String) -> Language {
        let v = value.lowercased()
        guard v.hasPrefix("fr") else { return .en }
        let rest = v.dropFirst(2)
        return rest.isEmpty || "_-.@".contains(rest.first!) ? .fr : .en
    }

    /// The language to start in, from the strongest to the weakest: `--lang`, then `COOPKB_LANG`, then the
    /// locale: the first non-empty of `LC_ALL`, `LC_MESSAGES` and `LANG`, as POSIX reads them. With none of
    /// them, English. An unknown `COOPKB_LANG` is passed over; `warning` says so.
    public static func choose(flag: Language?, environment: (String) -> String?) -> (language: Language, warning: SessionProblem?) {
        if let flag { return (flag, nil) }
        var warning: SessionProblem? = nil
        if let v = environment("COOPKB_LANG"), !v.isEmpty {
            if let l = Language(named: v) { return (l, nil) }
            warning = .unknownLanguageSetting(value: v)
        }
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let v = environment(name), !v.isEmpty { return (ofLocale(v), warning) }
        }
        return (.en, warning)
    }

    /// A whole number with its thousands grouped: `40,958` in English, `40 958` in French (with U+202F, the
    /// narrow no-break space French typography and CLDR use, so a number never breaks across lines).
    public func grouped(_ v: Int) -> String {
        let mark: Character = self == .fr ? "\u{202F}" : ","
        let s = String(v)
        var out = ""
        for (i, ch) in s.reversed().enumerated() { if i > 0 && i % 3 == 0 && ch != "-" { out.append(mark) }; out.append(ch) }
        return String(out.reversed())
    }

    /// "3 rows" / "3 lignes" (French puts 0 and 1 in the singular).
    public func rows(_ n: Int) -> String {
        switch self {
        case .en: return "\(n) row\(n == 1 ? "" : "s")"
        case .fr: return "\(n) ligne\(n > 1 ? "s" : "")"
        }
    }

    /// A count and its noun, singular or plural as the language wants (`one`, `many`).
    public func count(_ n: Int, _ one: String, _ many: String) -> String {
        grouped(n) + " " + ((self == .fr ? n <= 1 : n == 1) ? one : many)
    }
}
