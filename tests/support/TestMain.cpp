// Test entry point shared by every test executable: a QApplication on the offscreen platform, so
// GUI tests drive real widgets and non-GUI tests still have an event loop, then Catch2's session.
#include <QApplication>

#include <catch2/catch_session.hpp>

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("alpr-workstation-tests"));
    return Catch::Session().run(argc, argv);
}
