"""English deal rules on articles written for these tests in four outlets' styles (a wire story with a
dateline, a startup blog, a company press release, a business daily): rounds and their investors, an
investment told by people familiar with the matter, a compute purchase, a warrant, an acquisition."""
from test_deals import deals_of


REUTERS = (
    "Nvidia to invest $2 billion in Elon Musk's xAI as part of $20 billion funding round\n"
    '\n'
    'By Krystal Hu\n'
    '\n'
    "SAN FRANCISCO, Oct 8 (Reuters) - Nvidia will invest up to $2 billion in xAI, Elon Musk's artificial intelligence startup, as part of a funding round that could reach $20 billion, people familiar with the matter said on Wednesday.\n"
    '\n'
    'The round also includes Apollo Global Management and Diameter Capital Partners, the people said. xAI declined to comment.\n'
    '\n'
    'Separately, Microsoft agreed to buy $9.7 billion of cloud capacity from data center operator IREN over five years.\n'
)

TECHCRUNCH = (
    'Cognition raises $400M at a $10.2B valuation\n'
    '\n'
    'Cognition, the startup behind the AI coding agent Devin, has raised $400 million in a new funding round led by Founders Fund. Lux Capital, 8VC and Neo also participated in the round, the company said in a blog post on Monday.\n'
    '\n'
    "The startup acquired Windsurf in July after Google hired away the coding tool's chief executive.\n"
)

PRESS_RELEASE = (
    "SANTA CLARA, Calif., Sept. 22, 2025 -- AMD and OpenAI today announced a 6 gigawatt agreement to power OpenAI's next-generation AI infrastructure across multiple generations of AMD Instinct GPUs. As part of the agreement, AMD has issued OpenAI a warrant for up to 160 million shares of AMD common stock.\n"
    '\n'
    '"This partnership is a major step," said Lisa Su, chair and CEO of AMD.\n'
)

BLOOMBERG = (
    'SoftBank Group Corp. agreed to acquire Ampere Computing LLC for $6.5 billion, deepening its investment in chip design.\n'
    '\n'
    'Oracle Corp. and Arm Holdings Plc will sell their stakes in Ampere as part of the deal, according to a statement. The transaction is expected to close in the second half of 2025.\n'
    '\n'
    'Meanwhile, Meta Platforms Inc. is in talks to invest more than $10 billion in Scale AI, people familiar with the matter said.\n'
)


def test_reuters(tmp_path):
    assert deals_of(tmp_path, "reuters.txt", REUTERS.encode("utf-8")) == [
        ('Nvidia', 'xAI', 'equity_investment', 'planned', 'up to $2 billion', 'USD', None, None, None, "SAN FRANCISCO, Oct 8 (Reuters) - Nvidia will invest up to $2 billion in xAI, Elon Musk's artificial intelligence startup, as part of a funding round that could reach $20 billion, people familiar with the matter said on Wednesday.", 1),
        (None, 'xAI', 'funding_round', 'planned', '$20 billion', 'USD', None, None, None, "Nvidia to invest $2 billion in Elon Musk's xAI as part of $20 billion funding round", 1),
        ('Apollo Global Management', 'xAI', 'equity_investment', 'completed', None, None, None, None, 'participant', 'The round also includes Apollo Global Management and Diameter Capital Partners, the people said. xAI declined to comment.', 1),
        ('Diameter Capital Partners', 'xAI', 'equity_investment', 'completed', None, None, None, None, 'participant', 'The round also includes Apollo Global Management and Diameter Capital Partners, the people said. xAI declined to comment.', 1),
        ('Microsoft', 'IREN', 'cloud_contract', 'announced', '$9.7 billion', 'USD', None, None, None, 'Separately, Microsoft agreed to buy $9.7 billion of cloud capacity from data center operator IREN over five years.', 1),
    ]


def test_techcrunch(tmp_path):
    assert deals_of(tmp_path, "techcrunch.txt", TECHCRUNCH.encode("utf-8")) == [
        (None, 'Cognition', 'funding_round', 'completed', '$400 million', 'USD', None, None, None, 'Cognition, the startup behind the AI coding agent Devin, has raised $400 million in a new funding round led by Founders Fund.', 1),
        ('Founders Fund', 'Cognition', 'equity_investment', 'completed', None, None, None, None, 'lead', 'Cognition, the startup behind the AI coding agent Devin, has raised $400 million in a new funding round led by Founders Fund.', 1),
        ('Lux Capital', 'Cognition', 'equity_investment', 'completed', None, None, None, None, 'participant', 'Lux Capital, 8VC and Neo also participated in the round, the company said in a blog post on Monday.', 1),
        ('8VC', 'Cognition', 'equity_investment', 'completed', None, None, None, None, 'participant', 'Lux Capital, 8VC and Neo also participated in the round, the company said in a blog post on Monday.', 1),
        ('Neo', 'Cognition', 'equity_investment', 'completed', None, None, None, None, 'participant', 'Lux Capital, 8VC and Neo also participated in the round, the company said in a blog post on Monday.', 1),
        ('Cognition', 'Windsurf', 'acquisition', 'completed', None, None, None, None, None, "The startup acquired Windsurf in July after Google hired away the coding tool's chief executive.", 1),
    ]


def test_release(tmp_path):
    assert deals_of(tmp_path, "release.txt", PRESS_RELEASE.encode("utf-8")) == [
        ('OpenAI', 'AMD', 'chip_purchase', 'announced', None, None, '2025-09-22', None, None, "SANTA CLARA, Calif., Sept. 22, 2025 -- AMD and OpenAI today announced a 6 gigawatt agreement to power OpenAI's next-generation AI infrastructure across multiple generations of AMD Instinct GPUs.", 1),
        ('AMD', 'OpenAI', 'warrant', 'completed', None, None, None, None, None, 'As part of the agreement, AMD has issued OpenAI a warrant for up to 160 million shares of AMD common stock.', 1),
    ]


def test_bloomberg(tmp_path):
    assert deals_of(tmp_path, "bloomberg.txt", BLOOMBERG.encode("utf-8")) == [
        ('SoftBank Group', 'Ampere Computing', 'acquisition', 'announced', '$6.5 billion', 'USD', None, None, None, 'SoftBank Group Corp. agreed to acquire Ampere Computing LLC for $6.5 billion, deepening its investment in chip design.', 1),
        ('Meta', 'Scale AI', 'equity_investment', 'rumored', 'more than $10 billion', 'USD', None, None, None, 'Meanwhile, Meta Platforms Inc. is in talks to invest more than $10 billion in Scale AI, people familiar with the matter said.', 1),
    ]
