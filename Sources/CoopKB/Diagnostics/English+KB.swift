/// KB-file problems told in English (KBProblem.swift has the cases).
extension English {
    public func text(_ problem: KBProblem) -> String {
        switch problem {
        case .invalidUTF8(let byte):
            let hex = String(byte, radix: 16, uppercase: true)
            return "invalid UTF-8 (byte 0x\(hex.count == 1 ? "0" + hex : hex)); the line is left out: save the file as UTF-8"
        case .unknownEscape: return "unknown escape in string: only \\\" and \\\\ are allowed"
        case .nulByte: return "NUL byte in a KB file; the line is left out"
        case .unterminatedString: return "unterminated string: a string ends with \" on the same line"
        case .moreProblemsOnLine(let count, let shown):
            return "\(count) more problem\(count == 1 ? "" : "s") on this line (only the first \(shown) are shown); the record is left out"

        case .expectedRecordKind(let kinds): return "expected a record kind (\(kinds.joined(separator: ", ")))"
        case .unknownRecordKind(let word, let suggestion, let kinds):
            return "unknown record kind '\(word)'" + (suggestion.map { didYouMean(["'\($0)'"]) } ?? "; records are \(kinds.joined(separator: ", "))")
        case .equalsWithoutName: return "'=' without an attribute name before it"
        case .commaBeforeAttributes: return "unexpected ','; a list is written a,b,c after key="
        case .unexpectedAfterAttributes(let found):
            return "unexpected \(describe(found)) after the attributes; attributes are written key=value"
        case .missingValue(let key): return "missing value after '\(key)='; write \(key)=VALUE with no blank around '='"
        case .blankBeforeComma: return "blank before ',' in a list; write items as a,b,c"
        case .missingListItem: return "missing list item after ','; write items as a,b,c with no blanks"
        case .attributesNotSeparated(let found): return "unexpected \(describe(found)); separate attributes with a blank"
        case .unknownAttribute(let name, let record, let suggestion, let allowed):
            guard let name else { return "unknown attribute" }
            return "unknown attribute '\(name)' for \(record)"
                + (suggestion.map { didYouMean(["'\($0)'"]) } ?? "; \(record) takes " + allowed.joined(separator: ", "))
        case .repeatedAttribute(let name, let line, let column):
            guard let name else { return "repeated attribute" }
            return "repeated attribute '\(name)' (first at \(line):\(column)); give it once"
        case .missingPositional(let field, let record, let fields):
            return "missing \(field) for \(record); write: \(record) \(fields.joined(separator: " ")) key=value..."
        case .extraPositional(let found, let record, let fields):
            return "unexpected \(describe(found)): \(record) has \(fields.count) positional fields (\(fields.joined(separator: ", "))); attributes are written key=value"
        case .notAList(let key): return "'\(key)' takes one value, not a list"
        case .notOneWord(let field, let found): return "malformed \(field) \(describe(found)): expected a single word"
        case .idIsString(let role): return "\(name(role)) must be an id (a bare word), not a string"
        case .malformedID(let id):
            return "malformed id '\(id)': an id is letters, digits, '-', '_' and '.', starting with a letter or digit"
        case .malformedYear(let found, let field): return "malformed year \(describe(found)) for '\(field)': a year is four digits, like 1988"
        case .integerTooLarge(let found, let field): return "\(field) \(describe(found)) is too large"
        case .malformedInteger(let found, let field):
            return "malformed integer \(describe(found)) for '\(field)': expected digits only, a number ≥ 0"
        case .malformedCoordinate(let found, let field, let limit):
            return "malformed coordinate \(describe(found)) for '\(field)': decimal degrees between -\(limit) and \(limit)"
        case .malformedCountryCode(let found):
            return "malformed country code \(describe(found)): two upper-case letters (ISO 3166-1 alpha-2), like ML"
        case .malformedYesNo(let found, let field): return "malformed yes/no \(describe(found)) for '\(field)': write \(field)=yes or \(field)=no"
        case .malformedStatus(let found): return "malformed status \(describe(found)): write active, dormant or ended"
        case .malformedAmends(let found):
            return "malformed amends \(describe(found)): write yes (this record adds fields to the pair's partnership) or no"
        case .malformedBasis(let found):
            return "malformed basis \(describe(found)): write basis=stated (a source says so) or basis=derived (a rule does)"
        case .noKind(let id): return "authority '\(id)' has no kind; add kind=commune (or departement, region, municipality, …)"
        case .noCountry(let id): return "authority '\(id)' has no country; add country=CODE, like country=FR"
        case .amendsWithStatus:
            return "an amends=yes partnership cannot set status (it only adds fields the pair's partnership lacks)"
        case .untilBeforeSince(let until, let since, let amendment):
            return (amendment ? "with this amendment, " : "") + "until \(until) is before since \(since)"

        case .duplicateID(let id, let first, let at):
            return "duplicate id '\(id)': first defined as \(first?.rawValue ?? "record") at \(at); ids are shared by all kinds and compared without regard to case"
        case .wrongKind(let id, let kind, let role, let expected):
            return "'\(id)' is \(article(kind)), but \(name(role)) must be \(article(expected))"
        case .referenceLeftOut(let role, let id, let at): return "\(name(role)) '\(id)' was left out because of a problem at \(at)"
        case .unknownReference(let kind, let id, let role, let candidates):
            return "unknown \(kind.rawValue) '\(id)' for \(name(role))" + didYouMean(candidates.map { "'\($0)'" })
        case .parentCycle(let ids, let count, let back):
            let chain = ids + (count > ids.count ? ["… (\(count) in all)"] : []) + [back]
            return "parent cycle: \(chain.joined(separator: " → ")); an authority cannot lie inside itself"
        case .parentInOtherCountry(let parent, let parentCountry, let child, let childCountry):
            return "parent '\(parent)' is in \(parentCountry), but '\(child)' is in \(childCountry); a parent must be in the same country"
        case .partnershipWithItself(let id): return "partnership of '\(id)' with itself; the two sides must differ"
        case .secondPartnership(let a, let b, let first):
            return "second partnership between '\(a)' and '\(b)' (the first is at \(first)); give one record per pair"
        case .amendsNothing(let a, let b):
            return "amends=yes, but there is no partnership between '\(a)' and '\(b)' to add to; remove amends=yes to make it one"
        case .amendmentConflict(let key, let has, let gives, let at):
            return "amends=yes gives \(key)=\(gives), but the partnership at \(at) has \(key)=\(has); an amendment only adds missing fields"
        case .repeatedMembership(let authority, let group, let first):
            return "repeated membership of '\(authority)' in '\(group)' (first at \(first))"

        case .unreadableDirectory(let reason): return "cannot read this directory: \(text(reason)); its files are left out"
        case .unreadableFile(let reason): return "cannot read this file: \(text(reason))"
        case .cutShort:
            return "this file was cut short while it was read (its end was read as NUL bytes); load it again with .reload once it is written"
        }
    }

    /// What stood in a KB line.
    func describe(_ found: KBProblem.Found) -> String {
        switch found {
        case .word(let w): return "'\(w)'"
        case .string(let s): return "string \"\(s)\""
        case .equals: return "'='"
        case .comma: return "','"
        }
    }

    /// What a reference or an id is for.
    func name(_ role: KBProblem.Role) -> String {
        switch role {
        case .authorityID: return "an authority's id"
        case .groupID: return "a group's id"
        case .sideA: return "side a"
        case .sideB: return "side b"
        case .countryCode: return "a country code"
        case .country, .parent, .epci, .countries, .chair: return role.attribute ?? ""
        case .group: return "the group"
        case .memberAuthority: return "the authority"
        case .member: return "the member"
        }
    }
}
