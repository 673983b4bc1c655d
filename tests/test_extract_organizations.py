"""Organizations: known offices and organizations, and names read from head nouns."""

from __future__ import annotations

from ipsearch.extract.organizations import pattern_orgs
from ipsearch.lexicon import default_lexicon


def test_an_office_name_across_a_known_name_is_not_taken_among_thousands_of_names() -> None:
    filler = "Talks were held in Geneva. " * 3000
    text = filler + "Bonds, the Federal Reserve Bank of New York said."
    at, fed = text.index("New York"), text.index("Federal")
    lexicon = default_lexicon()
    assert pattern_orgs(text, lexicon, [], set()) == ["Federal Reserve Bank of New York"]
    geneva = [(i, i + 6) for i in range(17, len(filler), 27)]  # the known names before it, in any order
    for known in ((at, at + 8), (at + 4, at + 8), (fed - 5, fed + 7)):  # inside it, or across its start
        for spans in (geneva + [known], [known] + geneva[::-1]):
            assert pattern_orgs(text, lexicon, spans, set()) == []


# ---------------------------------------------------------------- the office table

def test_the_office_table_covers_national_and_regional_offices_in_both_scripts() -> None:
    """Every office has a country (or is regional), English forms and Chinese forms in both scripts."""
    lexicon = default_lexicon()
    offices = lexicon.entries["offices"]
    assert len(offices) >= 200
    countries = {e.country for e in offices if e.country}
    assert len(countries) >= 140
    for entry in offices:
        han = [f for f in entry.forms if not f.isascii()]
        assert han, entry.name
    # a few offices from each continent, found by any of their forms and giving their country
    for form, country in [("Kenya Industrial Property Institute", "Kenya"), ("OMPIC", "Morocco"), ("INDECOPI", "Peru"),
                          ("Norwegian Industrial Property Office", "Norway"), ("秘鲁国家竞争和知识产权保护局", "Peru"),
                          ("葡萄牙國家工業產權局", "Portugal"), ("IPO Pakistan", "Pakistan"), ("JIPO", "Jamaica"),
                          # small states' offices, often a registry that also keeps companies
                          ("Vanuatu Intellectual Property Office", "Vanuatu"), ("ROCIP", "St. Lucia"),
                          ("Deeds and Commercial Registries Authority", "Guyana"), ("史瓦帝尼知識產權局", "Eswatini"),
                          ("圣多美和普林西比国家知识产权和质量局", "São Tomé & Príncipe"), ("ODPIC", "Djibouti")]:
        found = lexicon.lookup(form, "offices")
        assert [e.country for e in found] == [country], form


def _orgs(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    from ipsearch.extract.extractor import Extractor

    x = Extractor(default_lexicon())
    return x.field("organizations", text), x.field("countries", text)  # type: ignore[return-value]


# ---------------------------------------------------------------- shared acronyms

def test_an_acronym_several_offices_share_is_resolved_by_its_parenthesis() -> None:
    orgs, countries = _orgs("Ms. Alves, President of INPI (Portugal), and Mr. Petrov of ROSPATENT (Russia) spoke.")
    assert "INPI Portugal" in orgs and not {"INPI Brazil", "INPI France", "INPI Argentina"} & set(orgs)
    assert "Portugal" in countries


def test_an_acronym_several_offices_share_is_resolved_by_the_country_named_with_it() -> None:
    orgs, countries = _orgs("The head of the National Institute of Industrial Property (INPI) of Argentina met KIPO officials.")
    assert orgs[:1] == ("INPI Argentina",) and "Argentina" in countries
    orgs, _ = _orgs("INPI hosted the talks in Paris.\n\nLater, KIPO said Seoul would host the next round.")
    assert "INPI France" in orgs
    orgs, _ = _orgs("NIPO signed a memorandum with the Sri Lankan Ministry of Industry in Colombo.")
    assert "NIPO Sri Lanka" in orgs and "NIPO Norway" not in orgs


def test_an_acronym_several_offices_share_names_none_when_nothing_decides() -> None:
    orgs, countries = _orgs("INPI and CNIPA held talks on patent examination.")
    assert orgs == ("CNIPA",) and countries == ("China",)
    # two candidate countries in the paragraph, neither in the sentence: undecided
    orgs, _ = _orgs("Brazil and France sent delegates.\nINPI spoke first. CNIPA spoke next.")
    assert not any(o.startswith("INPI") for o in orgs)


def test_an_acronym_spelt_out_as_something_else_is_not_the_office() -> None:
    text = ("The 9th Heads of Intellectual Property Offices (HIPO) Meeting of BRICS countries was held in Geneva. "
            "CNIPA hosted the HIPO meeting.")
    orgs, countries = _orgs(text)
    assert "HIPO" not in orgs and "Hungary" not in countries
    orgs, countries = _orgs("The Hungarian Intellectual Property Office (HIPO) met KIPO. HIPO said so.")
    assert "HIPO" in orgs and "Hungary" in countries
    orgs, _ = _orgs("Delegates discussed the future of the BRICS HIPO mechanism with CNIPA.")
    assert "HIPO" not in orgs and "CNIPA" in orgs


# ---------------------------------------------------------------- where a name starts and stops

def test_a_name_that_lists_its_subjects_runs_past_its_commas() -> None:
    orgs, _ = _orgs("CNIPA met the Ministry of Culture, Sports and Tourism on Monday.")
    assert "Ministry of Culture, Sports and Tourism" in orgs
    orgs, _ = _orgs("He thanked Queen Mary University of London, UK, and the Zurich Institute of Technology.")
    assert "Queen Mary University of London" in orgs and not any("UK" in o for o in orgs)


def test_a_known_name_continued_by_and_is_the_longer_name() -> None:
    orgs, _ = _orgs("USPTO and the Ministry of Commerce and Industry signed the plan.")
    assert "Ministry of Commerce and Industry" in orgs and "Ministry of Commerce of China" not in orgs


def test_a_name_stops_at_a_month_and_keeps_an_abbreviation_s_full_stop() -> None:
    orgs, _ = _orgs("Officials of the Pacific Islands Forum Secretariat on September 5 met KIPO.")
    assert "Pacific Islands Forum Secretariat" in orgs
    orgs, _ = _orgs("Talks with the Office of the U.S. Special Envoy for Patents began.")
    assert "Office of the U.S. Special Envoy for Patents" in orgs


def test_a_government_body_is_named_without_its_country_which_countries_holds() -> None:
    orgs, countries = _orgs("Ghana's Ministry of Trade and Industry met officials of the Ministry of Lands and Natural Resources of Ghana.")
    assert orgs == ("Ministry of Trade and Industry", "Ministry of Lands and Natural Resources") and countries == ("Ghana",)
    orgs, _ = _orgs("Students of the National University of Ghana and the Bank of Ghana attended.")
    assert orgs == ("National University of Ghana", "Bank of Ghana")
    orgs, _ = _orgs("Officials of Ghana's Ministry of Lands and Natural Resources' Intellectual Property Office met with "
                    "the visiting delegation to discuss the new rules.")
    assert orgs == ("Ministry of Lands and Natural Resources",)


def test_units_without_an_owner_and_news_outlets_are_not_organizations() -> None:
    orgs, _ = _orgs("Dec. 9 (China IP News) -- KIPO's International Cooperation Bureau and the Office of First Filing "
                    "met, Xinhua News Agency reported, with the Regional Bureau for Asia and the Pacific of WIPO.")
    assert orgs == ("KIPO", "WIPO")
    orgs, _ = _orgs("据中国知识产权报报道，国家知识产权局与世界知识产权组织签署协议。")
    assert orgs == ("CNIPA", "WIPO")
    # an outlet that acts is an organization like any other
    orgs, _ = _orgs("Xinhua, March 18, 2016\n\nXinhua News Agency President Cai Mingzhao said the agency would work with WIPO.")
    assert orgs == ("WIPO", "Xinhua News Agency")
    orgs, _ = _orgs("The Copyright Bureau of the Ministry of Culture met the Joint Liaison Committee of ASEAN.")
    assert "Copyright Bureau of the Ministry of Culture" in orgs


# ---------------------------------------------------------------- Chinese bodies

def test_chinese_government_bodies_get_their_english_names_in_both_scripts() -> None:
    orgs, _ = _orgs("香港海关与海关总署、国家版权局及香港贸易发展局举行会议。")
    assert orgs == ("Hong Kong Customs and Excise Department", "General Administration of Customs",
                    "National Copyright Administration", "Hong Kong Trade Development Council")
    orgs, _ = _orgs("香港海關與海關總署、國家版權局及香港貿易發展局舉行會議。")
    assert orgs == ("Hong Kong Customs and Excise Department", "General Administration of Customs",
                    "National Copyright Administration", "Hong Kong Trade Development Council")
    orgs, countries = _orgs("广东省知识产权局与北京知识产权法院座谈。")
    assert orgs == ("Guangdong Provincial IP Office", "Beijing Intellectual Property Court") and "China" in countries


def test_a_body_that_opens_an_office_s_full_name_is_the_office() -> None:
    """经济部智慧财产局 is Taiwan's office, owned by the ministry; 香港特区政府知识产权署 is Hong Kong's IPD."""
    orgs, _ = _orgs("經濟部智慧財產局與香港特區政府知識產權署簽署合作備忘錄。")
    assert orgs == ("TIPO", "IPD Hong Kong")
    orgs, _ = _orgs("经济部表示，智慧财产局将扩大合作。")
    assert "Ministry of Economic Affairs (Taiwan)" in orgs and "TIPO" in orgs


def test_a_name_runs_on_over_a_wrapped_line_but_not_past_a_short_one() -> None:
    wrapped = ("Delegates said on Tuesday that officials of the Ministry of Economy, Trade and\n"
               "Industry would meet the KIPO team again in the spring.")
    assert "Ministry of Economy, Trade and Industry" in _orgs(wrapped)[0]
    heading = "Ministry of Economy, Trade and Industry\nFont Size Change\n\nThe JPO signed a memorandum with KIPO."
    assert "Ministry of Economy, Trade and Industry" in _orgs(heading)[0]
    assert not any("Font" in o for o in _orgs(heading)[0])


def test_a_name_given_in_both_scripts_is_found_in_a_variant_but_one_written_one_way_only_as_written() -> None:
    """産 is a variant of 產: 非洲知識産權組織 is OAPI. 我国 ("our country") is China in mainland
    text; a Taiwanese text's 我國 is not, and the table gives that form in Simplified only."""
    orgs, _ = _orgs("中國與非洲知識産權組織和非洲地區知識産權組織簽署合作協議。")
    assert orgs == ("OAPI", "ARIPO")
    assert "China" not in _orgs("經濟部智慧財產局表示，我國與以色列簽署合作備忘錄。")[1]
    assert "China" in _orgs("国家知识产权局表示，我国与以色列签署合作备忘录。")[1]


def test_chinese_bodies_after_another_body_s_name_are_its_departments() -> None:
    orgs, _ = _orgs("中联办经济部副部长出席，商务部官员亦有到场。")
    assert orgs == ("Ministry of Commerce of China",)


def test_a_body_named_inside_an_office_s_name_is_not_named_by_it() -> None:
    orgs, _ = _orgs("CNIPA met the European Union Intellectual Property Office (EUIPO) in Alicante.")
    assert orgs == ("CNIPA", "EUIPO")


# ---------------------------------------------------------------- Chinese texts

def _named_orgs(text: str) -> list[str]:
    from ipsearch.extract.organizations import extract_organizations, read_mentions

    lexicon = default_lexicon()
    return list(dict.fromkeys(extract_organizations(text, lexicon, read_mentions(text, lexicon))))


def test_a_latin_office_name_run_into_chinese_characters_is_found() -> None:
    """Chinese text writes acronyms with no space before or after them: 与EUIPO局长, OECD-EUIPO联合研究."""
    assert _named_orgs("会上，EUIPO局长介绍了新的措施。") == ["EUIPO"]
    assert set(_named_orgs("与USPTO和KIPO签署了合作备忘录")) == {"USPTO", "KIPO"}
    assert "EUIPO" not in _named_orgs("The EUIPOX programme started.")  # still whole words in Latin text


def test_pinyin_annotations_inside_a_chinese_name_do_not_hide_it() -> None:
    """Pages that print pinyin after characters: 知识产(chǎn)权局, 知识产权[ZhiShiChanQuan]组织."""
    assert _named_orgs("日前，新加坡知識產(chǎn)權局局長來訪。") == ["IPOS"]
    assert _named_orgs("双方与非洲知识产权[ZhiShiChanQuan]组织签署协议。") == ["OAPI"]
    assert _named_orgs("欧洲专利局(EPO)发布报告。") == ["EPO"]  # an acronym in parentheses is no annotation


def test_a_chinese_local_government_body_is_named_in_english_from_its_place_and_head() -> None:
    """Place + level + generic head (人民政府, 市场监督管理局, 教育委员会) in either script; a body
    named by its level word alone is the place's last named with that level."""
    text = "大会由宁夏回族自治区人民政府主办，自治区市场监督管理局和銀川市人民政府承辦。四川省科技厅派员出席。"
    assert _named_orgs(text) == [
        "Ningxia Hui Autonomous Region Government",
        "Yinchuan Municipal Government",
        "Sichuan Provincial Department of Science and Technology",
        "Ningxia Administration for Market Regulation",
    ]
    assert _named_orgs("代表團與廣州市市場監督管理局會面。") == ["Guangzhou Administration for Market Regulation"]
    assert _named_orgs("由湖南省教育委员会指导") == ["Hunan Provincial Education Commission"]


def test_a_chinese_local_body_on_a_site_line_or_qualifying_a_noun_is_no_party() -> None:
    assert _named_orgs("主办单位：江苏省市场监督管理局 | 技术支持：某公司") == []
    assert _named_orgs("网站链接 | 山东省人民政府 | 青岛市人民政府") == []
    assert _named_orgs("获得湖北省人民政府奖学金") == []
    assert _named_orgs("南京人民政府") == []  # no level word: too loose


def test_a_mission_abroad_is_named_by_its_country_and_host() -> None:
    assert _named_orgs("葡萄牙驻华大使馆官员到访。") == ["Embassy of Portugal in China"]
    assert _named_orgs("中國駐慕尼黑總領事館派員出席。") == ["Consulate General of China in Munich"]


def test_a_foreign_ministry_in_chinese_is_named_by_its_subjects_and_country() -> None:
    assert _named_orgs("智利经济发展与贸易部部长到访。") == ["Ministry of Economic Development and Trade (Chile)"]
    assert _named_orgs("挪威文化部官員表示") == ["Ministry of Culture (Norway)"]
    assert _named_orgs("美国能源部发布") == ["US Department of Energy"]
    assert _named_orgs("秘鲁经济学家表示") == []  # no 部: no ministry


def test_an_envoy_stands_for_the_mission_he_heads() -> None:
    assert _named_orgs("局长会见了芬兰驻华大使。") == ["Embassy of Finland in China"]
    assert _named_orgs("中国驻汉堡总领事出席。") == ["Consulate General of China in Hamburg"]
    assert _named_orgs("芬兰大使表示欢迎。") == []  # no 驻: whose mission, where, is unsaid


def test_a_bare_sar_government_is_the_one_sar_the_text_names() -> None:
    assert _named_orgs("香港的创科发展迅速，特區政府將加強投入。") == ["Hong Kong SAR Government"]
    assert _named_orgs("澳门与香港合作，特区政府表示欢迎。") == []  # two SARs named: which one is unknown


def test_a_body_only_cited_for_its_publication_or_in_a_title_is_no_party() -> None:
    assert _named_orgs("世界知识产权组织发布的报告显示，创新持续增长。") == []
    assert _named_orgs("據世界知識產權組織的2023年全球創新指數") == []
    assert _named_orgs("国务院总理某某会见了来宾。") == []
    assert _named_orgs("世界知识产权组织发布的报告显示增长。世界知识产权组织总干事表示欢迎。") == ["WIPO"]


def test_offices_are_found_in_taiwans_wording_too() -> None:
    """智慧財產(權)局 for 知識產權局, 智慧財產權 for 知識產權; a bare mainland name stays no office."""
    assert _named_orgs("新加坡智慧財產局局長來訪") == ["IPOS"]
    assert _named_orgs("世界智慧財產權組織總幹事致詞") == ["WIPO"]
    assert _named_orgs("智慧財產權局局長主持會議") == ["TIPO"]
    assert _named_orgs("知识产权局工作人员") == []
    tipo = next(e for e in default_lexicon().entries["offices"] if e.name == "TIPO")
    assert "智慧財產權局" not in tipo.forms  # matched, not stored as an alias


def test_a_chinese_local_ip_office_is_named_as_the_office_table_names_it() -> None:
    """Place + level + 知识产权局 / 知识产权保护中心, in either script; a market regulator that is
    also its place's IP office (市场监督管理局（知识产权局）) goes by both names."""
    assert _named_orgs("河南省知识产权局与武汉市知识产权局联合举办培训。") == [
        "Henan Provincial IP Office", "Wuhan IP Office"]
    assert _named_orgs("由湖北省市場監督管理局（知識產權局）主辦，省知識產權保護中心承辦。") == [
        "Hubei Administration for Market Regulation", "Hubei Provincial IP Office", "Hubei IP Protection Center"]


def test_places_that_share_one_head_each_name_a_body() -> None:
    """北京市、天津市以及深圳市知识产权局 is three offices; a list of places with no head after it is none."""
    assert _named_orgs("成员包括北京市、 天津市、河南省以及深圳市知识产权局的代表。") == [
        "Shenzhen Intellectual Property Office", "Beijing Intellectual Property Office",
        "Tianjin Intellectual Property Office", "Henan Provincial IP Office"]
    assert _named_orgs("代表来自北京市、天津市和河南省。") == []


def test_a_country_s_ip_office_named_by_country_and_a_generic_head_is_its_office() -> None:
    """法国工业产权局, 日本特许厅, 墨西哥國家工業產權局: the country's office in the table, however the head reads."""
    assert _named_orgs("国家知识产权局与法国工业产权局签署协议。") == ["CNIPA", "INPI France"]
    assert _named_orgs("代表團會見了墨西哥國家工業產權局官員。") == ["IMPI"]
    assert _named_orgs("双方知识产权局将加强合作，各国知识产权局也表示支持。") == []


def test_a_foreign_ministry_holding_two_portfolios_is_two_ministries() -> None:
    assert _named_orgs("新加坡律政部兼外交部高级政务部长出席。") == [
        "Ministry of Law (Singapore)", "Ministry of Foreign Affairs (Singapore)"]


def test_a_name_read_across_pinyin_annotations_with_a_space_or_a_line_break() -> None:
    """Some pages print a space after the pinyin (广东(dong) 省) or wrap the line inside it."""
    assert _named_orgs("由湖北(bei) 省知識產(ch\nǎn)權局主辦。") == ["Hubei Provincial IP Office"]
    assert _named_orgs("日本特許廳(JPO) 發布報告。") == ["JPO"]


def test_a_mission_to_a_body_or_of_a_body_is_named_and_its_parties_are_not_named_by_it() -> None:
    """中国驻欧盟代表团 is China's mission to the EU, 欧盟驻华代表团 the EU's delegation to China, 常驻
    a permanent mission; the body inside the mission's name is no party itself. 代表团 alone is a
    visiting delegation, no body."""
    assert _named_orgs("中国驻东盟代表团官员会见了泰国知识产权厅代表。") == ["DIP Thailand", "Mission of China to ASEAN"]
    assert _named_orgs("歐盟駐華代表團表示支持。") == ["Delegation of the European Union to China"]
    assert _named_orgs("中国常驻日内瓦代表团临时代办出席。") == ["Permanent Mission of China in Geneva"]
    assert _named_orgs("中国政府代表团访问了东盟秘书处。") == ["ASEAN"]


def test_a_body_named_only_to_qualify_its_members_or_area_is_no_party() -> None:
    """欧盟国家, 欧盟企业, 联合国专门机构: the body qualifies the noun after it; named once as acting, it counts."""
    assert _named_orgs("越来越多的欧盟企业来华申请专利，欧盟国家申请量增长。") == []
    assert _named_orgs("世界知识产权组织是联合国专门机构。") == ["WIPO"]
    assert _named_orgs("欧盟企业增多。欧盟与中国签署协议。") == ["European Union"]


def test_the_five_offices_named_by_their_members_initials_are_ip5() -> None:
    assert _named_orgs("局长出席了中、日、美、歐、韓五局局長會議。") == ["IP5"]
    assert _named_orgs("第九次中美欧日韩知识产权五局合作局长会议召开。") == ["IP5"]
    assert _named_orgs("中美欧日韩商标五方会议在首尔举行。") == ["TM5"]


def test_a_sar_bureau_written_after_its_government_is_the_bureau_and_offices_go_by_short_names() -> None:
    """澳门特区政府经济局 is the Economic Bureau, not the government; 欧专局 is the EPO."""
    assert _named_orgs("國家知識產權局與澳門特區政府經濟局簽署安排。") == ["CNIPA", "DSEDT Macao"]
    assert _named_orgs("香港特别行政区政府商务及经济发展局局长表示欢迎。") == [
        "Commerce and Economic Development Bureau (Hong Kong)"]
    assert _named_orgs("代表团拜访了欧专局。") == ["EPO"]


def test_a_head_alone_at_the_end_of_a_longer_head_is_not_that_office() -> None:
    """商标局 is China's Trademark Office; in 美专利商标局 or 西班牙专利商标局 it ends another office's name."""
    assert _named_orgs("会见了来访的美专利商标局前局长。") == ["USPTO"]
    assert _named_orgs("会见了西班牙专利商标局代表。") == ["OEPM"]
    assert _named_orgs("商标局表示将加快审查。") == ["China Trademark Office"]


def test_an_english_body_named_only_to_qualify_a_kind_or_a_programme_or_in_a_title_is_no_party() -> None:
    """"an agency of the United Nations", "UN agency", "the UN Sustainable Development Goals", "Permanent
    Representative of Peru to the United Nations, World Trade Organization and ...": no party; a body
    that also acts once counts."""
    text = ("WIPO, a specialized agency of the United Nations, met KIPO in support of the UN Sustainable "
            "Development Goals. The Permanent Representative of Peru to the United Nations, World Trade "
            "Organization and other bodies in Geneva attended.")
    assert _named_orgs(text) == ["WIPO", "KIPO"]
    assert "United Nations" in _named_orgs(text + " The United Nations said it welcomed the plan.")


def test_a_known_office_written_another_way_is_that_office() -> None:
    """"Korean IP Office", "Patent Office of Australia", "United States Patent Trademark Office": a
    country's adjective or name, IP or Intellectual Property, glue words and word order aside; a
    generic name with no country ("National Intellectual Property Center") is none in particular."""
    text = ("The Korean IP Office met the Patent Office of Australia and the United States Patent "
            "Trademark Office, and the National Intellectual Property Centre, on Monday.")
    assert _named_orgs(text) == ["KIPO", "IP Australia", "USPTO", "National Intellectual Property Centre"]


def test_chinese_national_bodies_and_societies_in_ip_news_have_their_english_names() -> None:
    orgs = _named_orgs("中华商标协会、中国版权协会与工信部、國家發改委代表出席，中國美國商會亦派員參加。")
    assert orgs == ["China Trademark Association", "Copyright Society of China",
                    "Ministry of Industry and Information Technology", "National Development and Reform Commission",
                    "AmCham China"]


def test_an_outlet_s_dispatch_line_or_reporter_cites_it() -> None:
    """新华社北京3月5日电, 新华社记者, "/ For China Daily": the outlet reports; it acts when it does more."""
    text = "新华社北京3月5日电（记者王明）国家知识产权局举行发布会。新华社记者 李华 摄"
    assert _named_orgs(text) == ["CNIPA"]
    assert "China Daily" not in _named_orgs("By Li Hua / For China Daily\n\nKIPO and CNIPA met in Seoul.")
    assert "Xinhua News Agency" in _named_orgs("新华社与世界知识产权组织签署合作协议。")


def test_a_ministry_s_name_with_its_country_in_parentheses_is_the_known_ministry() -> None:
    """Composed ministries read "Ministry of X (Country)": the table's ministries answer to that form too."""
    lexicon = default_lexicon()
    assert lexicon.canonical("organizations", "Ministry of Justice (Kazakhstan)") == "Ministry of Justice of the Republic of Kazakhstan"
    assert _named_orgs("香港貿易發展局與貿易發展局的合作夥伴") == ["Hong Kong Trade Development Council"]


def test_an_office_abroad_is_named_by_owner_and_host_in_either_order() -> None:
    """以色列驻台北经济文化办事处 and 驻台北以色列经济文化办事处 are one office; 驻以色列大使 is an envoy, no office."""
    assert _named_orgs("德國駐台北經濟文化辦事處與經濟部智慧財產局簽署備忘錄。") == [
        "TIPO", "Germany Economic and Cultural Office in Taipei"]
    assert _named_orgs("由驻台北德国经济文化办事处代表出席。") == ["Germany Economic and Cultural Office in Taipei"]


def test_a_society_named_by_its_place_and_an_autonomous_prefecture_s_bodies_are_named_in_english() -> None:
    assert _named_orgs("澳門商標協會與珠海市知識產權保護協會、湖南省专利代理师协会合办研讨会。") == [
        "Macao Trademark Association", "Zhuhai IP Protection Association", "Hunan Patent Attorneys Association"]
    assert _named_orgs("由昌吉回族自治州人民政府承办。") == ["Changji Hui Autonomous Prefecture Government"]
    assert _named_orgs("中国商标协会") == []  # 中国 is no place: the table answers for national societies


def test_groupings_of_countries_are_organizations_in_both_languages() -> None:
    assert _named_orgs("The Visegrad Group and the Community of Portuguese Language Countries met WIPO.") == [
        "WIPO", "Visegrad Group", "Community of Portuguese Language Countries"]
    assert _named_orgs("欧亚专利局以及維謝格拉德集團等地区组织，歐盟執委會亦出席。") == [
        "EAPO", "Visegrad Group", "European Commission"]


def test_a_body_where_an_envoy_is_posted_or_whose_members_are_meant_is_no_party_in_chinese() -> None:
    assert _named_orgs("奥地利常驻联合国日内瓦办事处代表出席，联合国会员国均已批准。") == []
    assert _named_orgs("作为联合国负责知识产权事务的专门机构，世界知识产权组织发布报告。") == ["WIPO"]


def test_a_role_an_office_takes_under_a_treaty_is_no_body() -> None:
    text = "KIPO acts as International Searching and Preliminary Examining Authority and as Receiving Office."
    assert _named_orgs(text) == ["KIPO"]
