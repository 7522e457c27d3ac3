/// Problems of KB files as values: what the loader finds on a line, in a record, between records and in the files
/// themselves, with its data (ids, attribute names, places, candidates) and no text. English+KB.swift and
/// French+KB.swift word them; `Problem.kb` carries them.
public enum KBProblem: Sendable, Equatable {
    // MARK: The line (its bytes and tokens)
    /// A byte that does not start or continue UTF-8 (surrogates and overlong forms included): the byte.
    case invalidUTF8(byte: UInt8)
    /// A backslash in a string before something other than `"` or `\`.
    case unknownEscape
    /// A NUL byte on a line.
    case nulByte
    /// A string not closed on its line.
    case unterminatedString
    /// More problems on one line than are shown: how many more, and how many are shown.
    case moreProblemsOnLine(count: Int, shown: Int)

    // MARK: The record (its kind, positional fields and attributes)
    /// A line that starts with something other than a word: the record kinds.
    case expectedRecordKind(kinds: [String])
    /// A first word that is no record kind: the word, the closest kind (nil: none is close), the kinds.
    case unknownRecordKind(String, suggestion: String?, kinds: [String])
    /// `=` with no attribute name before it.
    case equalsWithoutName
    /// `,` among the positional fields.
    case commaBeforeAttributes
    /// Something that is not `key=value` after the attributes started.
    case unexpectedAfterAttributes(Found)
    /// `key=` with no value right after it.
    case missingValue(key: String)
    /// A blank before the `,` of a list.
    case blankBeforeComma
    /// A `,` with no item right after it.
    case missingListItem
    /// Two attributes with no blank between them.
    case attributesNotSeparated(Found)
    /// An attribute the record kind does not take: its name (nil: past the shown problems, not named), the
    /// record kind, the closest attribute (nil: none is close) and the attributes the kind takes.
    case unknownAttribute(String?, record: String, suggestion: String?, allowed: [String])
    /// An attribute given twice: its name and where the first one is (nil: past the shown problems).
    case repeatedAttribute(String?, line: Int, column: Int)
    /// A positional field missing: its placeholder, the record kind and all its placeholders.
    case missingPositional(field: String, record: String, fields: [String])
    /// A positional field too many: what stands there, the record kind and its placeholders.
    case extraPositional(Found, record: String, fields: [String])
    /// A list given to an attribute that takes one value.
    case notAList(key: String)
    /// A string with blanks (or empty) where one word is expected: the attribute, and the value.
    case notOneWord(field: String, Found)
    /// A string where an id (a bare word) is expected.
    case idIsString(Role)
    /// An id with characters ids do not take.
    case malformedID(String)
    /// A year that is not four digits: the value and the attribute.
    case malformedYear(Found, field: String)
    /// A whole number past the largest the loader keeps.
    case integerTooLarge(Found, field: String)
    /// A whole number that is not digits only.
    case malformedInteger(Found, field: String)
    /// A coordinate that is not decimal degrees within ±limit.
    case malformedCoordinate(Found, field: String, limit: Int)
    /// A country code that is not two upper-case letters.
    case malformedCountryCode(Found)
    /// A yes/no attribute with another value.
    case malformedYesNo(Found, field: String)
    /// A partnership status that is not active, dormant or ended.
    case malformedStatus(Found)
    /// `amends=` with a value other than yes or no.
    case malformedAmends(Found)
    /// A membership basis that is not stated or derived.
    case malformedBasis(Found)
    /// An authority with no `kind=`: its id.
    case noKind(id: String)
    /// An authority with no `country=`: its id.
    case noCountry(id: String)
    /// An `amends=yes` partnership that sets `status=`.
    case amendsWithStatus
    /// `until` before `since` (amendment: once an amendment's fields are added).
    case untilBeforeSince(until: Int, since: Int, amendment: Bool)

    // MARK: Between records (ids and references)
    /// An id defined twice: the id, the kind of its first definition (nil: that record was left out) and where.
    case duplicateID(String, first: ElementKind?, at: String)
    /// A reference to an element of another kind: the id, its kind, the reference's role, the kind it must be.
    case wrongKind(id: String, kind: ElementKind, role: Role, expected: ElementKind)
    /// A reference to a record left out: the role, the id and where the problem that left it out is.
    case referenceLeftOut(Role, id: String, at: String)
    /// A reference to an id the KB does not define: the kind wanted, the id, the role, the close ids.
    case unknownReference(ElementKind, id: String, role: Role, candidates: [String])
    /// Authorities that lie inside themselves: the cycle's first ids (at most 8), how many it has in all, and
    /// the id it comes back to.
    case parentCycle([String], count: Int, back: String)
    /// A parent in another country: the parent, its country, the authority, its country.
    case parentInOtherCountry(parent: String, parentCountry: String, child: String, childCountry: String)
    /// A partnership whose two sides are one authority.
    case partnershipWithItself(id: String)
    /// A second partnership record for one pair: the two ids and where the first is.
    case secondPartnership(a: String, b: String, first: String)
    /// An `amends=yes` partnership with no partnership of its pair to add to.
    case amendsNothing(a: String, b: String)
    /// An amendment giving a field the partnership has with another value: the attribute, the partnership's
    /// value, the amendment's, and where the partnership is.
    case amendmentConflict(key: String, has: String, gives: String, at: String)
    /// A membership given twice: the authority, the group, where the first one is.
    case repeatedMembership(authority: String, group: String, first: String)

    // MARK: The files
    /// A directory of the KB that cannot be listed: the system's reason.
    case unreadableDirectory(reason: SystemError)
    /// A file of the KB that cannot be read: the system's reason.
    case unreadableFile(reason: SystemError)
    /// A mapped file cut short while it was read.
    case cutShort

    /// What stood in a KB line where something else was expected.
    public enum Found: Sendable, Equatable {
        case word(String), string(String), equals, comma
    }

    /// What a reference or an id is for, in a record.
    public enum Role: String, Sendable, CaseIterable {
        /// The id of an authority or of a group record.
        case authorityID, groupID
        /// The sides of a partnership.
        case sideA, sideB
        /// An authority's `country=`, `parent=`, `epci=`.
        case country, parent, epci
        /// A group's `countries=` (one code of the list), `chair=`.
        case countryCode, countries, chair
        /// A membership's group and authority.
        case group, memberAuthority, member

        /// The attribute the role is written as in a KB file (`country=`, `parent=`, …: the case's name), nil
        /// for the others.
        public var attribute: String? {
            switch self {
            case .country, .parent, .epci, .countries, .chair: return String(describing: self)
            default: return nil
            }
        }
    }
}

extension KBProblem {
    /// The name of each case, so that a test can walk them all (`samples(_:)` gives values of each).
    public enum Kind: String, CaseIterable, Sendable {
        case invalidUTF8, unknownEscape, nulByte, unterminatedString, moreProblemsOnLine
        case expectedRecordKind, unknownRecordKind, equalsWithoutName, commaBeforeAttributes, unexpectedAfterAttributes
        case missingValue, blankBeforeComma, missingListItem, attributesNotSeparated, unknownAttribute, repeatedAttribute
        case missingPositional, extraPositional, notAList, notOneWord, idIsString, malformedID, malformedYear
        case integerTooLarge, malformedInteger, malformedCoordinate, malformedCountryCode, malformedYesNo, malformedStatus
        case malformedAmends, malformedBasis, noKind, noCountry, amendsWithStatus, untilBeforeSince
        case duplicateID, wrongKind, referenceLeftOut, unknownReference, parentCycle, parentInOtherCountry
        case partnershipWithItself, secondPartnership, amendsNothing, amendmentConflict, repeatedMembership
        case unreadableDirectory, unreadableFile, cutShort
    }

    /// The case's name.
    public var kind: Kind {
        switch self {
        case .invalidUTF8: return .invalidUTF8
        case .unknownEscape: return .unknownEscape
        case .nulByte: return .nulByte
        case .unterminatedString: return .unterminatedString
        case .moreProblemsOnLine: return .moreProblemsOnLine
        case .expectedRecordKind: return .expectedRecordKind
        case .unknownRecordKind: return .unknownRecordKind
        case .equalsWithoutName: return .equalsWithoutName
        case .commaBeforeAttributes: return .commaBeforeAttributes
        case .unexpectedAfterAttributes: return .unexpectedAfterAttributes
        case .missingValue: return .missingValue
        case .blankBeforeComma: return .blankBeforeComma
        case .missingListItem: return .missingListItem
        case .attributesNotSeparated: return .attributesNotSeparated
        case .unknownAttribute: return .unknownAttribute
        case .repeatedAttribute: return .repeatedAttribute
        case .missingPositional: return .missingPositional
        case .extraPositional: return .extraPositional
        case .notAList: return .notAList
        case .notOneWord: return .notOneWord
        case .idIsString: return .idIsString
        case .malformedID: return .malformedID
        case .malformedYear: return .malformedYear
        case .integerTooLarge: return .integerTooLarge
        case .malformedInteger: return .malformedInteger
        case .malformedCoordinate: return .malformedCoordinate
        case .malformedCountryCode: return .malformedCountryCode
        case .malformedYesNo: return .malformedYesNo
        case .malformedStatus: return .malformedStatus
        case .malformedAmends: return .malformedAmends
        case .malformedBasis: return .malformedBasis
        case .noKind: return .noKind
        case .noCountry: return .noCountry
        case .amendsWithStatus: return .amendsWithStatus
        case .untilBeforeSince: return .untilBeforeSince
        case .duplicateID: return .duplicateID
        case .wrongKind: return .wrongKind
        case .referenceLeftOut: return .referenceLeftOut
        case .unknownReference: return .unknownReference
        case .parentCycle: return .parentCycle
        case .parentInOtherCountry: return .parentInOtherCountry
        case .partnershipWithItself: return .partnershipWithItself
        case .secondPartnership: return .secondPartnership
        case .amendsNothing: return .amendsNothing
        case .amendmentConflict: return .amendmentConflict
        case .repeatedMembership: return .repeatedMembership
        case .unreadableDirectory: return .unreadableDirectory
        case .unreadableFile: return .unreadableFile
        case .cutShort: return .cutShort
        }
    }

    /// Values of each case, with every variant of its data that a renderer words differently.
    public static func samples(_ kind: Kind) -> [KBProblem] {
        let found: [Found] = [.word("x"), .string("a b"), .equals, .comma]
        let kinds = ["country", "authority", "partnership", "group", "member"]
        switch kind {
        case .invalidUTF8: return [.invalidUTF8(byte: 0xED), .invalidUTF8(byte: 0x8)]
        case .unknownEscape: return [.unknownEscape]
        case .nulByte: return [.nulByte]
        case .unterminatedString: return [.unterminatedString]
        case .moreProblemsOnLine: return [.moreProblemsOnLine(count: 1, shown: 5), .moreProblemsOnLine(count: 7, shown: 5)]
        case .expectedRecordKind: return [.expectedRecordKind(kinds: kinds)]
        case .unknownRecordKind: return [.unknownRecordKind("autority", suggestion: "authority", kinds: kinds), .unknownRecordKind("zz", suggestion: nil, kinds: kinds)]
        case .equalsWithoutName: return [.equalsWithoutName]
        case .commaBeforeAttributes: return [.commaBeforeAttributes]
        case .unexpectedAfterAttributes: return found.map { .unexpectedAfterAttributes($0) }
        case .missingValue: return [.missingValue(key: "kind")]
        case .blankBeforeComma: return [.blankBeforeComma]
        case .missingListItem: return [.missingListItem]
        case .attributesNotSeparated: return [.attributesNotSeparated(.word("x"))]
        case .unknownAttribute:
            return [.unknownAttribute("knd", record: "authority", suggestion: "kind", allowed: ["kind", "country"]),
                    .unknownAttribute("zz", record: "group", suggestion: nil, allowed: ["kind", "chair"]),
                    .unknownAttribute(nil, record: "group", suggestion: nil, allowed: [])]
        case .repeatedAttribute: return [.repeatedAttribute("kind", line: 3, column: 20), .repeatedAttribute(nil, line: 0, column: 0)]
        case .missingPositional: return [.missingPositional(field: "\"name\"", record: "authority", fields: ["id", "\"name\""])]
        case .extraPositional: return [.extraPositional(.word("x"), record: "partnership", fields: ["A", "B"])]
        case .notAList: return [.notAList(key: "kind")]
        case .notOneWord: return [.notOneWord(field: "kind", .string("a b"))]
        case .idIsString: return Role.allCases.map { .idIsString($0) }
        case .malformedID: return [.malformedID("-x")]
        case .malformedYear: return [.malformedYear(.word("88"), field: "since")]
        case .integerTooLarge: return [.integerTooLarge(.word("99999999999999999999"), field: "population")]
        case .malformedInteger: return [.malformedInteger(.word("-3"), field: "population")]
        case .malformedCoordinate: return [.malformedCoordinate(.word("x"), field: "lat", limit: 90)]
        case .malformedCountryCode: return [.malformedCountryCode(.word("fra"))]
        case .malformedYesNo: return [.malformedYesNo(.word("oui"), field: "member")]
        case .malformedStatus: return [.malformedStatus(.word("over"))]
        case .malformedAmends: return [.malformedAmends(.word("maybe"))]
        case .malformedBasis: return [.malformedBasis(.word("guess"))]
        case .noKind: return [.noKind(id: "rennes")]
        case .noCountry: return [.noCountry(id: "rennes")]
        case .amendsWithStatus: return [.amendsWithStatus]
        case .untilBeforeSince: return [.untilBeforeSince(until: 1990, since: 2000, amendment: false), .untilBeforeSince(until: 1990, since: 2000, amendment: true)]
        case .duplicateID: return [.duplicateID("rennes", first: .authority, at: "a.kb:1:11"), .duplicateID("rennes", first: nil, at: "a.kb:1:11")]
        case .wrongKind:
            return [.wrongKind(id: "ML", kind: .country, role: .parent, expected: .authority),
                    .wrongKind(id: "rennes", kind: .authority, role: .country, expected: .country)]
        case .referenceLeftOut: return [.referenceLeftOut(.parent, id: "bzh", at: "a.kb:2:1")]
        case .unknownReference:
            return [.unknownReference(.authority, id: "renes", role: .sideA, candidates: ["rennes", "reims"]),
                    .unknownReference(.country, id: "QQ", role: .country, candidates: [])]
        case .parentCycle: return [.parentCycle(["a", "b"], count: 2, back: "a"), .parentCycle(["a", "b", "c", "d", "e", "f", "g", "h"], count: 9, back: "a")]
        case .parentInOtherCountry: return [.parentInOtherCountry(parent: "bzh", parentCountry: "FR", child: "segou", childCountry: "ML")]
        case .partnershipWithItself: return [.partnershipWithItself(id: "rennes")]
        case .secondPartnership: return [.secondPartnership(a: "rennes", b: "segou", first: "a.kb:3:13")]
        case .amendsNothing: return [.amendsNothing(a: "rennes", b: "segou")]
        case .amendmentConflict: return [.amendmentConflict(key: "since", has: "1990", gives: "1991", at: "a.kb:3:13")]
        case .repeatedMembership: return [.repeatedMembership(authority: "rennes", group: "cites-unies", first: "a.kb:4:8")]
        case .unreadableDirectory: return [.unreadableDirectory(reason: .permissionDenied)]
        case .unreadableFile: return [.unreadableFile(reason: .permissionDenied), .unreadableFile(reason: .notRegularFile), .unreadableFile(reason: .tooLarge(limit: 2_147_483_647))]
        case .cutShort: return [.cutShort]
        }
    }
}
