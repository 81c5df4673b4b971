// Central African weekly on a 2000s CMS: HTML 4.01 table layout, <font>, spacer GIFs, windows-1252.
import { esc, numericDate, blocks, jsonLd, metaTags, charsetMeta, shareLinks } from '../common.mjs';

export const outlet = { id: 'oubangui-express', name: 'Oubangui Express', home: 'http://www.oubangui-express.cf/', lang: 'fr', twitter: 'OubanguiExpress' };

/** Renders one article page of Oubangui Express (table layout). */
export function render({ article: a, url, related, publicUrl, page }) {
  const share = shareLinks(publicUrl, a.title);
  const body = blocks(a.body)
    .map((b) => (b.kind === 'h2' ? `<P><B><FONT SIZE="3" COLOR="#8B0000">${esc(b.text)}</FONT></B></P>` : `<P ALIGN="justify">${esc(b.text)}</P>`))
    .join('\n');
  return `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" "http://www.w3.org/TR/html4/loose.dtd">
<HTML LANG="fr">
<HEAD>
${charsetMeta(page, { style: 'http-equiv', indent: '' })}<TITLE>${esc(a.title)} - Oubangui Express</TITLE>
${metaTags(a, outlet, url, { indent: '' })}
<META NAME="keywords" CONTENT="Centrafrique, Bangui, actualité, politique, ${esc(a.section)}">
<LINK REL="stylesheet" TYPE="text/css" HREF="/styles/oe_style.css">
<SCRIPT TYPE="text/javascript" SRC="/js/popup.js"></SCRIPT>
${jsonLd(a, outlet, url)}
</HEAD>
<BODY BGCOLOR="#FFFFFF" TOPMARGIN="0" LEFTMARGIN="0" MARGINWIDTH="0" MARGINHEIGHT="0">
<DIV ID="cookies" STYLE="background:#333;color:#fff;padding:6px;font-size:11px">En continuant votre visite sur Oubangui Express, vous acceptez l’utilisation de cookies à des fins de statistiques. <A HREF="/cookies.php" STYLE="color:#fc0">En savoir plus</A> - <A HREF="#" ONCLICK="document.getElementById('cookies').style.display='none';return false;" STYLE="color:#fc0">OK</A></DIV>
<TABLE WIDTH="980" BORDER="0" CELLSPACING="0" CELLPADDING="0" ALIGN="center">
<TR>
  <TD COLSPAN="3" BGCOLOR="#8B0000" HEIGHT="90"><A HREF="http://www.oubangui-express.cf/"><IMG SRC="/images/logo_oe.gif" WIDTH="320" HEIGHT="80" BORDER="0" ALT="Oubangui Express"></A>
  <FONT FACE="Verdana" SIZE="1" COLOR="#FFFFFF">L’hebdomadaire indépendant de Centrafrique et de l’Afrique centrale</FONT></TD>
</TR>
<TR>
  <TD COLSPAN="3" BGCOLOR="#E8E0C8" HEIGHT="24"><FONT FACE="Verdana" SIZE="2">
  <A HREF="/index.php">Accueil</A> | <A HREF="/rubrique.php?id=1">Politique</A> | <A HREF="/rubrique.php?id=2">Afrique centrale</A> | <A HREF="/rubrique.php?id=3">Économie</A> | <A HREF="/rubrique.php?id=4">Société</A> | <A HREF="/rubrique.php?id=5">Sports</A> | <A HREF="/archives.php">Archives</A> | <A HREF="/contact.php">Nous écrire</A>
  </FONT></TD>
</TR>
<TR>
  <TD WIDTH="160" VALIGN="top" BGCOLOR="#F5F0E0">
    <TABLE WIDTH="100%" CELLPADDING="4"><TR><TD><FONT FACE="Verdana" SIZE="1"><B>RUBRIQUES</B><BR>
    <A HREF="/rubrique.php?id=1">» Politique</A><BR><A HREF="/rubrique.php?id=2">» Afrique centrale</A><BR><A HREF="/rubrique.php?id=6">» Droits humains</A><BR><A HREF="/rubrique.php?id=7">» Mines et forêts</A><BR><A HREF="/rubrique.php?id=8">» Opinions</A></FONT></TD></TR>
    <TR><TD ALIGN="center"><A HREF="http://ads.oubangui-express.cf/click.php?id=44"><IMG SRC="http://ads.oubangui-express.cf/banners/telecel_160x600.gif" WIDTH="160" HEIGHT="600" BORDER="0" ALT="Publicité"></A></TD></TR></TABLE>
  </TD>
  <TD WIDTH="620" VALIGN="top"><IMG SRC="/images/spacer.gif" WIDTH="1" HEIGHT="10" ALT=""><BR>
    <TABLE WIDTH="100%" CELLPADDING="8" CELLSPACING="0" BORDER="0">
    <TR><TD>
      <FONT FACE="Verdana" SIZE="1" COLOR="#666666"><A HREF="/index.php">Accueil</A> &gt; <A HREF="/rubrique.php?id=1">${esc(a.section)}</A></FONT><BR>
      <FONT FACE="Georgia" SIZE="5" COLOR="#8B0000"><B>${esc(a.title)}</B></FONT><BR>
      <FONT FACE="Verdana" SIZE="1" COLOR="#666666">Publié le ${numericDate(a.date)} à ${a.hour}:${a.minute} | Par <B>${esc(a.author)}</B> | <A HREF="javascript:window.print()">Imprimer</A> | <A HREF="/envoyer.php?art=${a.id}">Envoyer à un ami</A></FONT>
      <HR SIZE="1" NOSHADE COLOR="#CCCCCC">
      <FONT FACE="Georgia" SIZE="3"><B><I>${esc(a.description)}</I></B></FONT>
      <FONT FACE="Georgia" SIZE="3">
${body}
      </FONT>
      <P><FONT FACE="Verdana" SIZE="1">© Oubangui Express - Reproduction interdite sans l’accord de la rédaction.</FONT></P>
      <TABLE WIDTH="100%" BGCOLOR="#F5F0E0" CELLPADDING="4"><TR><TD><FONT FACE="Verdana" SIZE="1"><B>Partager :</B> ${share.slice(0, 3).map((s) => `<A HREF="${esc(s.href)}" TARGET="_blank">${s.label}</A>`).join(' | ')}</FONT></TD></TR></TABLE>
      <BR>
      <TABLE WIDTH="100%" BORDER="0" CELLPADDING="3"><TR><TD BGCOLOR="#8B0000"><FONT FACE="Verdana" SIZE="2" COLOR="#FFFFFF"><B>À LIRE AUSSI</B></FONT></TD></TR>
${related.map((r) => `      <TR><TD><FONT FACE="Verdana" SIZE="2">» <A HREF="${r.url}">${esc(r.title)}</A></FONT></TD></TR>`).join('\n')}
      </TABLE>
      <BR>
      <TABLE WIDTH="100%" BORDER="0" CELLPADDING="3"><TR><TD BGCOLOR="#E8E0C8"><FONT FACE="Verdana" SIZE="2"><B>RÉACTIONS DES LECTEURS (2)</B></FONT></TD></TR>
      <TR><TD><FONT FACE="Verdana" SIZE="1"><B>Ngakola</B> - ${numericDate(a.date)}<BR>Merci pour ce travail courageux. Continuez !</FONT></TD></TR>
      <TR><TD><FONT FACE="Verdana" SIZE="1"><B>Un Centrafricain de Paris</B> - ${numericDate(a.date)}<BR>Les journalistes qui écrivent ça prennent des risques… Respect.</FONT></TD></TR>
      <TR><TD><FORM ACTION="/reagir.php" METHOD="post"><INPUT TYPE="hidden" NAME="art" VALUE="${a.id}"><FONT FACE="Verdana" SIZE="1">Votre nom : <INPUT TYPE="text" NAME="nom" SIZE="20"><BR><TEXTAREA NAME="texte" ROWS="4" COLS="50"></TEXTAREA><BR><INPUT TYPE="submit" VALUE="Réagir"></FONT></FORM></TD></TR>
      </TABLE>
    </TD></TR>
    </TABLE>
  </TD>
  <TD WIDTH="200" VALIGN="top" BGCOLOR="#F5F0E0">
    <TABLE WIDTH="100%" CELLPADDING="4"><TR><TD><FONT FACE="Verdana" SIZE="1"><B>LETTRE D’INFORMATION</B><BR>Recevez nos articles chaque semaine :<FORM ACTION="/newsletter.php" METHOD="post"><INPUT TYPE="text" NAME="email" SIZE="18" VALUE="votre e-mail"><INPUT TYPE="submit" VALUE="OK"></FORM></FONT></TD></TR>
    <TR><TD><FONT FACE="Verdana" SIZE="1"><B>LES PLUS LUS</B><BR>» <A HREF="/article.php?id=1181">Bangui : la saison des pluies paralyse les quartiers nord</A><BR>» <A HREF="/article.php?id=1179">Le prix du manioc s’envole au marché Combattant</A></FONT></TD></TR>
    <TR><TD ALIGN="center"><A HREF="http://ads.oubangui-express.cf/click.php?id=45"><IMG SRC="http://ads.oubangui-express.cf/banners/banque_200x200.gif" WIDTH="200" HEIGHT="200" BORDER="0" ALT="Publicité"></A></TD></TR></TABLE>
  </TD>
</TR>
<TR>
  <TD COLSPAN="3" BGCOLOR="#333333" ALIGN="center"><FONT FACE="Verdana" SIZE="1" COLOR="#CCCCCC">Oubangui Express - Avenue Boganda, Bangui - Tél. +236 00 00 00 00 | <A HREF="/mentions.php" STYLE="color:#ccc">Mentions légales</A> | <A HREF="/pub.php" STYLE="color:#ccc">Publicité</A><BR>Site optimisé pour une résolution de 1024x768</FONT></TD>
</TR>
</TABLE>
<SCRIPT TYPE="text/javascript">var _gaq=_gaq||[];_gaq.push(['_setAccount','UA-0000000-1']);_gaq.push(['_trackPageview']);</SCRIPT>
</BODY>
</HTML>
`;
}
